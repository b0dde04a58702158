package dev.wharf.sftp.testing;

import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.audit.AuditType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Keeps every published event; tests poll it with a deadline (events may be published from other threads). */
public final class RecordingAuditSink implements AuditSink {
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(AuditEvent event) {
        events.add(event);
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public List<AuditEvent> ofType(AuditType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    /** The first event matching, waiting up to {@code timeout}; empty if none came. */
    public Optional<AuditEvent> await(AuditType type, Predicate<AuditEvent> match, Duration timeout) {
        return Poll.until(timeout, () -> events.stream().filter(x -> x.type() == type).filter(match).findFirst());
    }
}
