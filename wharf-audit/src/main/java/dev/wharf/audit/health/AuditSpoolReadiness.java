package dev.wharf.audit.health;

import dev.wharf.core.Reason;
import dev.wharf.core.audit.AuditSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The audit spool's state as a readiness check of every service. DOWN only while this replica's own spool disk
 * fails: nothing else on this replica can fix that, and another replica can serve. A full spool stays UP: it
 * refuses new work with {@code audit_unavailable} in its replies, which tells clients more than a replica taken out
 * of the load balancer, and during a Kafka outage every replica fills at once (all DOWN = connections refused).
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
        boolean diskFailing = sink.diskFailing();
        String state = diskFailing ? "disk failing: refusing new logins and transfers"
                : sink.accepting() ? "accepting" : "full: refusing new logins and transfers";
        return HealthCheckResponse.named("audit-spool")
                .withData("state", sink.accepting() ? state : state + " (" + Reason.AUDIT_UNAVAILABLE.code() + ")")
                .status(!diskFailing).build();
    }
}
