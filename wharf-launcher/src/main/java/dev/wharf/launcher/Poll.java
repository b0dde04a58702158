package dev.wharf.launcher;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, failing early when the process that should satisfy it has died. */
public final class Poll {

    private static final long MIN_INTERVAL_MS = 100;
    private static final long MAX_INTERVAL_MS = 1000;

    private Poll() {
    }

    /**
     * Polls {@code condition} until it holds or {@code timeout} passes; {@code process} (may be null) is
     * checked too so that a crashed process fails fast with its log tail instead of waiting out the deadline.
     */
    public static void until(String what, Duration timeout, ChildProcess process, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long interval = MIN_INTERVAL_MS;
        // bounded in count as well as in time: the interval is at least MIN_INTERVAL_MS
        long maxRounds = timeout.toMillis() / MIN_INTERVAL_MS + 2;
        for (long round = 0; round < maxRounds; round++) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited with code " + process.exitCode()
                        + " before " + what + "; log: " + process.logFile() + "\n" + process.tail(40));
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            LockSupport.parkNanos(Duration.ofMillis(interval).toNanos());
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while waiting for " + what);
            }
            interval = Math.min(MAX_INTERVAL_MS, interval * 3 / 2);
        }
        String log = process == null ? "" : "; log: " + process.logFile() + "\n" + process.tail(40);
        throw new TimeoutException("timed out after " + timeout + " waiting for " + what + log);
    }

    /** A wait that ran out of time (as opposed to a process that died). */
    public static final class TimeoutException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TimeoutException(String message) {
            super(message);
        }
    }
}
