package dev.wharf.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;

/** Free loopback TCP ports for components and tests that run side by side on one machine. */
public final class Ports {

    // Ports handed out by the kernel for port 0 come from the ephemeral range, which outgoing
    // connections use too; picking from a range below it avoids racing with client sockets.
    private static final int RANGE_START = 20_000;
    private static final int RANGE_END = 32_000;
    private static final int ATTEMPTS = 200;

    private Ports() {
    }

    /** A TCP port on 127.0.0.1 that nothing listens on right now. */
    public static int free() {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = ThreadLocalRandom.current().nextInt(RANGE_START, RANGE_END);
            if (isFree(port)) {
                return port;
            }
        }
        return kernelChosen();
    }

    /**
     * A free port not in {@code taken}, which it joins: the ports of one plan must differ from each other, and a
     * port picked a moment ago is still free until its server binds it.
     */
    public static int free(java.util.Set<Integer> taken) {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = free();
            if (taken.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port outside " + taken.size() + " taken ones after " + ATTEMPTS
                + " attempts");
    }

    /**
     * The first port of {@code count} consecutive free ports on 127.0.0.1 (for an FTP passive range).
     */
    public static int freeRange(int count) {
        if (count < 1 || count > 1000) {
            throw new IllegalArgumentException("count must be 1..1000, was " + count);
        }
        for (int i = 0; i < ATTEMPTS; i++) {
            int first = ThreadLocalRandom.current().nextInt(RANGE_START, RANGE_END - count);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports found in "
                + RANGE_START + "-" + RANGE_END + " after " + ATTEMPTS + " attempts");
    }

    /** Whether a server socket can bind 127.0.0.1:{@code port} now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // servers bind with SO_REUSEADDR, so connections of a just-stopped run in TIME_WAIT do not block them
            // and must not make the port look taken here either
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            if (!isFree(port)) {
                return false;
            }
        }
        return true;
    }

    private static int kernelChosen() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind any loopback port", e);
        }
    }
}
