package dev.wharf.sftp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A load balancer in miniature on loopback: accepts connections, opens one to the gateway per connection,
 * writes a PROXY header first (in pieces if asked, to exercise split reads) and then relays both ways.
 * The header's addresses are values only: no traffic goes to them.
 */
public final class TcpRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** @param header written to the gateway before the client's bytes, by the consumer (may flush in pieces) */
    public TcpRelay(int gatewayPort, HeaderWriter header) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("relay-accept").start(() -> {
            while (!closed) {
                try {
                    Socket client = listener.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), gatewayPort);
                    upstream.setTcpNoDelay(true);
                    sockets.add(client);
                    sockets.add(upstream);
                    header.write(upstream.getOutputStream());
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Writes the header bytes to the gateway connection. */
    @FunctionalInterface
    public interface HeaderWriter {
        void write(OutputStream out) throws IOException;
    }

    public int port() {
        return listener.getLocalPort();
    }

    private static void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the other side closed
            } finally {
                quietly(from);
                quietly(to);
            }
        });
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        sockets.forEach(TcpRelay::quietly);
    }

    /** A v1 header line for TCP4 addresses. */
    public static byte[] v1(String source, int sourcePort, String destination, int destinationPort) {
        return ("PROXY TCP4 " + source + " " + destination + " " + sourcePort + " " + destinationPort + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 PROXY (command 1) header for TCP over IPv4, with one TLV (as AWS and others add). */
    public static byte[] v2(String source, int sourcePort, String destination, int destinationPort) throws IOException {
        byte[] tlv = {0x04, 0x00, 0x03, 'a', 'b', 'c'}; // PP2_TYPE_NOOP with 3 bytes
        ByteBuffer b = ByteBuffer.allocate(16 + 12 + tlv.length);
        b.put(new byte[]{0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        b.put((byte) 0x21).put((byte) 0x11).putShort((short) (12 + tlv.length));
        b.put(InetAddress.getByName(source).getAddress()).put(InetAddress.getByName(destination).getAddress());
        b.putShort((short) sourcePort).putShort((short) destinationPort);
        b.put(tlv);
        return b.array();
    }

    /** A v2 LOCAL header (a balancer's health check), without addresses. */
    public static byte[] v2Local() {
        return new byte[]{0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x20, 0x00, 0x00, 0x00};
    }

    /** Writes {@code header} in two flushed pieces with a pause between, so the gateway reads it in two parts. */
    public static HeaderWriter split(byte[] header, int at) {
        return out -> {
            out.write(header, 0, at);
            out.flush();
            java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofMillis(150).toNanos());
            out.write(header, at, header.length - at);
            out.flush();
        };
    }

    public static HeaderWriter whole(byte[] header) {
        return out -> {
            out.write(header);
            out.flush();
        };
    }

}
