package dev.wharf.core.audit;

/** Where audit events go (Kafka topic {@code wharf.audit}); never blocks the caller on a slow broker. */
public interface AuditSink {
    void publish(AuditEvent event);
}
