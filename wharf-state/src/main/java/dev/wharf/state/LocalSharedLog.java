package dev.wharf.state;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A log of one replica, in this process: for when Kafka is off (a single instance, unit tests). {@link #publish}
 * hands the event to the handler at once, on the caller's thread, one event at a time.
 */
public final class LocalSharedLog<T> implements SharedLog<T> {
    private final Consumer<T> handler;
    private volatile boolean closed;

    public LocalSharedLog(Consumer<T> handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** A log whose events go straight to {@code handler}. */
    public static <T> LocalSharedLog<T> start(Consumer<T> handler) {
        return new LocalSharedLog<>(handler);
    }

    @Override
    public synchronized void publish(String key, T event) {
        if (closed) {
            throw new IllegalStateException("shared log is closed");
        }
        handler.accept(event);
    }

    /** Always: there is nothing to replay. */
    @Override
    public boolean caughtUp() {
        return true;
    }

    @Override
    public void close() {
        closed = true;
    }
}
