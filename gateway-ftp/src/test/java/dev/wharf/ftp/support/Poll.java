package dev.wharf.ftp.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded polling for conditions other threads make true (no fixed sleeps in tests). */
public final class Poll {
    private Poll() {
    }

    /** Waits until {@code condition} holds, at most {@code timeout}; fails with {@code what} otherwise. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < 100_000; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            pause();
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }

    static void pause() {
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
}
