package dev.wharf.sftp.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Bounded polling for conditions other threads make true (audit events, session close). */
public final class Poll {
    private Poll() {
    }

    /** Asks {@code probe} every 10 ms until it returns a value or {@code timeout} passes. */
    public static <T> Optional<T> until(Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < 100_000; i++) {
            Optional<T> v = probe.get();
            if (v.isPresent() || System.nanoTime() - deadline > 0) {
                return v;
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return Optional.empty();
    }

    /** Waits until {@code condition} holds; returns whether it did within the timeout. */
    public static boolean isTrue(Duration timeout, Supplier<Boolean> condition) {
        return until(timeout, () -> condition.get() ? Optional.of(true) : Optional.empty()).isPresent();
    }
}
