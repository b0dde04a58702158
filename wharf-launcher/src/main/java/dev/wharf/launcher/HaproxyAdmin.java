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
