package dev.wharf.core.bandwidth;

import java.io.InterruptedIOException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Paces one direction of one session's transfers to a rate in bytes per second, whatever the protocol: every
 * gateway's transfers pass it in {@code FileOperations}. Transfers running at once share the rate (each takes its
 * turn). A rate-limiting algorithm of the "virtual schedule" kind (GCRA): each chunk books the time it costs at the
 * rate after the previous booking, and the caller pauses until its booking is less than {@link #TOLERANCE} ahead of
 * now; idle time is not saved up, so a pause never lets a burst of more than one chunk through afterwards.
 */
public final class Throttle {
    /** How far ahead of the schedule a transfer may run: the first chunk after a pause goes at once. */
    static final long TOLERANCE = 100_000_000L;
    /** Chunks are at most a tenth of a second's bytes, so that pacing is smooth at any rate. */
    private static final long CHUNKS_PER_SECOND = 10;
    private static final long NANOS = 1_000_000_000L;

    /** Waits; the real one parks the transfer's thread, a test's advances its clock. */
    public interface Pause {
        void pause(long nanos) throws InterruptedIOException;
    }

    private final LongSupplier nanoTime;
    private final Pause pause;
    private volatile long rate = Bandwidth.UNLIMITED;
    private long booked = Long.MIN_VALUE;

    /** @param nanoTime a monotonic clock in nanoseconds; {@code pause} waits on that clock */
    public Throttle(LongSupplier nanoTime, Pause pause) {
        this.nanoTime = nanoTime;
        this.pause = pause;
    }

    /** A throttle on the system's monotonic clock, pausing the calling thread. */
    public static Throttle system() {
        return new Throttle(System::nanoTime, Throttle::park);
    }

    /** Sets the rate in bytes per second ({@link Bandwidth#UNLIMITED}: no limit); applies from the next chunk. */
    public void rate(long bytesPerSecond) {
        rate = bytesPerSecond;
    }

    public long rate() {
        return rate;
    }

    /** The most bytes one call of {@link #take} should carry: a tenth of a second's worth ({@code max} when unlimited). */
    public int chunk(int max) {
        long r = rate;
        return r <= 0 || max <= 0 ? max : (int) Math.max(1, Math.min(max, r / CHUNKS_PER_SECOND));
    }

    /** Books {@code bytes} (at most a {@link #chunk}) and pauses until the rate allows them. */
    public void take(int bytes) throws InterruptedIOException {
        long r = rate;
        if (r <= 0 || bytes <= 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long start = booked == Long.MIN_VALUE || booked < now ? now : booked;
            // an int of bytes times 10^9 stays below Long.MAX_VALUE
            booked = start + bytes * NANOS / r;
            wait = booked - now - TOLERANCE;
        }
        if (wait > 0) {
            pause.pause(wait);
        }
    }

    private static void park(long nanos) throws InterruptedIOException {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedIOException("transfer interrupted while paced to its bandwidth limit");
            }
        }
    }
}
