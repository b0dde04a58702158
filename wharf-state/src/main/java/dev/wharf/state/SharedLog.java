package dev.wharf.state;

/** A small event log that every replica of a service reads, so replicas share state without a database. */
public interface SharedLog<T> extends AutoCloseable {
    /** Publishes asynchronously; every replica's handler (this one's too) sees the event. */
    void publish(String key, T event);

    /** True once the events of the replay window have been applied (readiness). */
    boolean caughtUp();

    @Override
    void close();
}
