package dev.wharf.storage.s3;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The memory every S3 upload of this replica shares: a fixed number of part-sized buffers, reused. However many
 * uploads run, they hold at most this budget; an upload that finds none free waits a little and is then refused
 * (503), and a growing part takes more only when some are free (issue 12: memory bounded per replica, not per
 * upload).
 */
final class PartBuffers {
    private final int chunkSize;
    private final int count;
    private final Semaphore free;
    private final ConcurrentLinkedQueue<byte[]> idle = new ConcurrentLinkedQueue<>();

    /** @param budget bytes all uploads may hold together; at least one chunk */
    PartBuffers(int chunkSize, long budget) {
        this.chunkSize = chunkSize;
        this.count = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budget / chunkSize));
        this.free = new Semaphore(count, true);
    }

    int chunkSize() {
        return chunkSize;
    }

    /** Buffers not in use now (tests, metrics). */
    int available() {
        return free.availablePermits();
    }

    int capacity() {
        return count;
    }

    /** A buffer, waiting at most {@code wait} for one; {@code null} when none became free. */
    byte[] acquire(Duration wait) throws InterruptedException {
        return free.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS) ? take() : null;
    }

    /** A buffer if one is free right now, else {@code null}. */
    byte[] tryAcquire() {
        return free.tryAcquire() ? take() : null;
    }

    void release(byte[] buffer) {
        idle.offer(buffer);
        free.release();
    }

    private byte[] take() {
        byte[] b = idle.poll();
        return b != null ? b : new byte[chunkSize];
    }
}
