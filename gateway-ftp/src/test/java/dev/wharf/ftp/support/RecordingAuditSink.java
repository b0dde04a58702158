package dev.wharf.ftp.support;

import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.audit.AuditType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Keeps every published event, for assertions; waits (bounded) for events published by other threads. With a
 * downstream sink (a real spool) it records what that sink accepted and answers {@link #accepting} as it does.
 */
public final class RecordingAuditSink implements AuditSink {
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private final AuditSink downstream;

    public RecordingAuditSink() {
        this(null);
    }

    public RecordingAuditSink(AuditSink downstream) {
        this.downstream = downstream;
    }

    @Override
    public void publish(AuditEvent event) {
        if (downstream != null) {
            downstream.publish(event);
        }
        events.add(event);
    }

    @Override
    public boolean accepting() {
        return downstream == null || downstream.accepting();
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public List<AuditEvent> of(AuditType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    /** The first event matching {@code test}, polling up to {@code timeout}; fails the test when none comes. */
    public AuditEvent await(Predicate<AuditEvent> test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < 10_000; i++) {
            for (AuditEvent e : events) {
                if (test.test(e)) {
                    return e;
                }
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            Poll.pause();
        }
        throw new AssertionError("no matching audit event within " + timeout + "; got " + events);
    }
}
