package dev.wharf.ftp.data;

import java.util.concurrent.atomic.AtomicInteger;

/** Data connections open right now across the replica, and whether the gateway is draining for shutdown. */
public final class Transfers {
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean draining;

    void started() {
        active.incrementAndGet();
    }

    void ended() {
        active.decrementAndGet();
    }

    public int active() {
        return active.get();
    }

    /** From now on no new data connection is set up; those open may finish. */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }
}
