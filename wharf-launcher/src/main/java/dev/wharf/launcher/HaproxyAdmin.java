package dev.wharf.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * HAProxy's runtime API on its admin socket: takes a gateway replica out of rotation before it is stopped and puts
 * it back after, as Kubernetes removes a terminating pod from its Service's endpoints before its preStop ends.
 */
final class HaproxyAdmin {
    /** The most one answer may hold; a runtime API answer to one command is a few lines. */
    private static final int MAX_ANSWER = 1 << 20;

    private final Path socket;

    HaproxyAdmin(Path socket) {
        this.socket = socket;
    }

    /** Whether the balancer has its admin socket (a run folder too deep for a socket path goes without). */
    boolean available() {
        return Files.exists(socket);
    }

    /**
     * Sets the administrative state of server {@code replica-<ordinal>} in each of {@code backends}: {@code drain}
     * (no new connections, those open stay) or {@code ready}.
     */
    void setState(Iterable<String> backends, int ordinal, String state) {
        for (String backend : backends) {
            String answer = command("set server " + backend + "/replica-" + ordinal + " state " + state);
            if (!answer.isBlank()) {
                throw new IllegalStateException("HAProxy refused to set " + backend + "/replica-" + ordinal + " "
                        + state + ": " + answer.strip());
            }
        }
    }

    /**
     * Waits until server {@code replica-<ordinal>} of each of {@code backends} is up by its checks, as a Kubernetes
     * Service sends traffic to a pod only once it is ready: {@code ready} sets only the administrative state, and a
     * replica that was down is taken again at its first passing check. False when {@code timeout} passed first.
     */
    boolean awaitRunning(Iterable<String> backends, int ordinal, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String backend : backends) {
            while (!running(command("show servers state " + backend), "replica-" + ordinal)) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // HAProxy checks once a second
            }
        }
        return true;
    }

    /**
     * Whether {@code server} is running in an answer to {@code show servers state <backend>}: after the format
     * version, a {@code #} header, then one line per server, {@code be_id be_name srv_id srv_name srv_addr
     * srv_op_state ...}, where operational state 2 is running (HAProxy's SRV_ST_RUNNING).
     */
    static boolean running(String answer, String server) {
        for (String line : answer.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (!line.startsWith("#") && f.length > 5 && f[3].equals(server)) {
                return f[5].equals("2");
            }
        }
        return false;
    }

    /** Sends one command and returns HAProxy's answer (empty when a setting command succeeded). */
    String command(String command) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            // without "prompt" HAProxy answers one command and closes the connection: read until the end
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(8192);
            while (channel.read(in) >= 0 && answer.size() < MAX_ANSWER) {
                answer.write(in.array(), 0, in.position());
                in.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("HAProxy's runtime API at " + socket + ": " + e.getMessage(), e);
        }
    }
}
