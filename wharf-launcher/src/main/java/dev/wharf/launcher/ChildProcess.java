package dev.wharf.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An operating-system process started by the launcher, logging to a file, stopped with its whole tree. */
public final class ChildProcess implements AutoCloseable {

    /** How long {@link #close()} waits after SIGTERM before it kills. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

    /**
     * Runs "$@" in the background and polls every 2 s whether the launcher ($1) still lives; when it is gone
     * the command gets SIGTERM. SIGINT and SIGHUP (Ctrl-C, a closed terminal: sent to the whole process group)
     * are ignored by the guard and, inherited, by the command, so that only the launcher reacts to them and
     * stops everything in order with SIGTERM. The guard's exit status is the command's.
     */
    private static final String ORPHAN_GUARD = "parent=$1; shift; trap '' INT HUP; \"$@\" & child=$!; "
            + "trap 'kill -TERM $child 2>/dev/null' TERM; "
            + "while kill -0 \"$parent\" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 2; done; "
            + "kill -0 $child 2>/dev/null && kill -TERM $child 2>/dev/null; wait $child";

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code command} in {@code directory} with {@code extraEnv} applied to this process's environment
     * (a null value removes the variable); stdout and stderr both go to {@code logFile} (appended), stdin is empty.
     * The command runs under a small shell guard that stops it when this JVM disappears without stopping it
     * (killed with SIGKILL, a test fork timed out): Keycloak or Kafka must not outlive their launcher.
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> extraEnv,
                                     Path directory, Path logFile) {
        return start(name, command, extraEnv, directory, logFile, ProcessHandle.current().pid());
    }

    /** As {@link #start(String, List, Map, Path, Path)}, guarded by the life of process {@code parentPid}. */
    static ChildProcess start(String name, List<String> command, Map<String, String> extraEnv,
                              Path directory, Path logFile, long parentPid) {
        try {
            Files.createDirectories(directory);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            List<String> guarded = new ArrayList<>(List.of("/bin/sh", "-c", ORPHAN_GUARD, "wharf-guard",
                    Long.toString(parentPid)));
            guarded.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(guarded)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Map<String, String> env = builder.environment();
            extraEnv.forEach((key, value) -> {
                if (value == null) {
                    env.remove(key);
                } else {
                    env.put(key, value);
                }
            });
            return new ChildProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.getFirst() + ")", e);
        }
    }

    /** Runs {@code command} to completion (bounded by {@code timeout}) and fails unless it exits with 0. */
    public static void run(String name, List<String> command, Map<String, String> extraEnv,
                           Path directory, Path logFile, Duration timeout) {
        ChildProcess child = start(name, command, extraEnv, directory, logFile);
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.close();
                throw new IllegalStateException(name + " did not finish within " + timeout + "; log: " + logFile
                        + "\n" + child.tail(30));
            }
        } catch (InterruptedException e) {
            child.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " interrupted", e);
        }
        int exit = child.process.exitValue();
        if (exit != 0) {
            throw new IllegalStateException(name + " failed with exit code " + exit + "; log: " + logFile
                    + "\n" + child.tail(30));
        }
    }

    /** The name used in messages. */
    public String name() {
        return name;
    }

    /** The operating-system process id. */
    public long pid() {
        return process.pid();
    }

    /**
     * The JVM this child runs (a service started as {@code java ...}): the guard's descendant whose command is
     * {@code java}. Not simply the guard's first child: that can be the guard's {@code sleep 2}, since pids wrap
     * (at 32768 on small machines), so a signal meant for the service must go to the process this returns.
     */
    public java.util.Optional<ProcessHandle> jvm() {
        return process.toHandle().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while it runs. */
    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Completes when the process has exited. */
    public java.util.concurrent.CompletableFuture<ChildProcess> onExit() {
        return process.onExit().thenApply(ignored -> this);
    }

    /** Where its output goes. */
    public Path logFile() {
        return logFile;
    }

    /** The last {@code lines} lines of its log, for error messages. */
    public String tail(int lines) {
        return LogTail.of(logFile, lines);
    }

    /** Stops the process and every descendant: SIGTERM, then SIGKILL for what is left after {@code grace}. */
    public void stop(Duration grace) {
        stopTree(process.toHandle(), grace);
    }

    /** Stops the process tree with the {@linkplain #DEFAULT_GRACE default grace}. */
    @Override
    public void close() {
        stop(DEFAULT_GRACE);
    }

    /** Stops the process {@code root} and all its descendants (the root's children may be wrappers like kc.sh). */
    static void stopTree(ProcessHandle root, Duration grace) {
        // Snapshot first: once the root exits its children are re-parented and no longer found.
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        for (ProcessHandle handle : all) {
            handle.destroy();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : all) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // not gone in time (or interrupted): it is killed below
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
        for (ProcessHandle handle : all) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }

    /** Reads the end of a log file without loading a large file whole. */
    static final class LogTail {
        private static final int MAX_BYTES = 64 * 1024;

        private LogTail() {
        }

        static String of(Path file, int lines) {
            try {
                if (!Files.isRegularFile(file)) {
                    return "(no log at " + file + ")";
                }
                long size = Files.size(file);
                byte[] bytes;
                try (var channel = Files.newByteChannel(file)) {
                    long start = Math.max(0, size - MAX_BYTES);
                    channel.position(start);
                    var buffer = java.nio.ByteBuffer.allocate((int) (size - start));
                    while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                        // read until the snapshot size is reached
                    }
                    bytes = java.util.Arrays.copyOf(buffer.array(), buffer.position());
                }
                String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n");
                int from = Math.max(0, all.length - lines);
                return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
            } catch (IOException e) {
                return "(cannot read " + file + ": " + e.getMessage() + ")";
            }
        }
    }
}
