package dev.wharf.audit.health;

import dev.wharf.core.Reason;
import dev.wharf.core.audit.AuditSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The audit spool's state as a readiness detail of every service. Always up: a replica whose spool is full refuses
 * new work with {@code audit_unavailable} in its replies, which tells clients more than a replica taken out of the
 * load balancer, and every replica would be full at once during a Kafka outage.
 */
@Readiness
@ApplicationScoped
public class AuditSpoolReadiness implements HealthCheck {
    private final AuditSink sink;

    @Inject
    public AuditSpoolReadiness(AuditSink sink) {
        this.sink = sink;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("audit-spool")
                .withData("state", sink.accepting() ? "accepting"
                        : "refusing new logins and transfers (" + Reason.AUDIT_UNAVAILABLE.code() + ")")
                .up().build();
    }
}
