package dev.wharf.identity.testing;

import dev.wharf.launcher.Ports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback port that refuses connections until {@link #open()}, then forwards them byte for byte to a real
 * server: "Keycloak is not up yet" and "now it is" without starting a second Keycloak.
 */
public final class TcpForwarder implements AutoCloseable {
    private final int port = Ports.free();
    private final int targetPort;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile ServerSocket server;

    public TcpForwarder(int targetPort) {
        this.targetPort = targetPort;
    }

    public int port() {
        return port;
    }

    public boolean isOpen() {
        return server != null;
    }

    public synchronized void open() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + port, e);
        }
        threads.execute(this::acceptLoop);
    }

    private void acceptLoop() {
        ServerSocket s = server;
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                threads.execute(() -> pipe(client, upstream));
                threads.execute(() -> pipe(upstream, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the other side closed: the pair is done
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing twice is harmless
            }
        }
    }

    @Override
    public void close() throws IOException {
        ServerSocket s = server;
        if (s != null) {
            s.close();
        }
        threads.shutdownNow();
    }
}
