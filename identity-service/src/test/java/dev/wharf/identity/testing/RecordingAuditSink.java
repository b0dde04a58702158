package dev.wharf.identity.testing;

import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditSink;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Test-only audit sink that keeps events in memory so that tests can assert what the service published; the
 * Kafka path itself is wharf-audit's and is tested there against a real broker.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RecordingAuditSink implements AuditSink {
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(AuditEvent event) {
        events.add(event);
    }

    public List<AuditEvent> matching(Predicate<AuditEvent> p) {
        return events.stream().filter(p).toList();
    }
}
