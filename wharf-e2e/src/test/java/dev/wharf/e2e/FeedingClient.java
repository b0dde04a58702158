package dev.wharf.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command-line client (curl {@code -T -}) whose upload the test feeds through its standard input, so that a fault
 * can be injected while the transfer is under way; its verbose output holds the server's replies.
 */
final class FeedingClient implements AutoCloseable {
    private static final Pattern REPLY = Pattern.compile("^< (\\d{3}[ -].*)$", Pattern.MULTILINE);

    private final Process process;
    private final OutputStream in;
    private final Path err;
    private final List<String> command;
    private long fed;

    private FeedingClient(Process process, Path err, List<String> command) {
        this.process = process;
        this.in = process.getOutputStream();
        this.err = err;
        this.command = command;
    }

    static FeedingClient start(Path dir, List<String> command) throws IOException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new FeedingClient(p, err, command);
    }

    /**
     * Writes {@code bytes} more of the upload; returns false once the client stopped reading (it exited). The pipe
     * holds 64 KiB, so a write returns only after the client took all but that much of it.
     */
    boolean feed(byte[] bytes) {
        try {
            in.write(bytes);
            in.flush();
            fed += bytes.length;
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    long fed() {
        return fed;
    }

    /**
     * Goes on feeding {@code chunk} on a daemon thread until the client stops reading or {@code max} bytes were
     * fed, then ends the input; a write blocked on a stalled client ends when the client is killed or exits.
     */
    void keepFeeding(byte[] chunk, long max) {
        Thread.ofVirtual().name("feed-" + command.getFirst()).start(() -> {
            while (fed < max && feed(chunk)) {
                // bounded by max: the fault ends the client long before
            }
            finishInput();
        });
    }

    /** Ends the upload's input: the client sends what it has and finishes the transfer. */
    void finishInput() {
        try {
            in.close();
        } catch (IOException e) {
            // the client exited already: its exit code and output tell why
        }
    }

    /** The process, for killing the client itself (a client that drops the connection). */
    Process process() {
        return process;
    }

    /** Waits for the client's exit; fails the test if it has not ended within {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        finishInput();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.getFirst() + " did not end within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Everything the client printed on standard error (curl -v: the server's replies are the lines "< NNN"). */
    String output() {
        try {
            return Files.readString(err, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The last reply line the server sent, or "" when none (connection reset without a reply). */
    String lastReply() {
        Matcher m = REPLY.matcher(output());
        String last = "";
        while (m.find()) {
            last = m.group(1).strip();
        }
        return last;
    }

    @Override
    public void close() {
        finishInput();
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
