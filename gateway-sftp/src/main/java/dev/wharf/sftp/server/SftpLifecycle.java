package dev.wharf.sftp.server;

import dev.wharf.api.TenancyConfig;
import dev.wharf.api.trace.SessionTracer;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.policy.PolicyPort;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.sftp.session.LoginFlows;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;

/** Runs the {@link SftpGateway} with the application: built from the injected ports, started and stopped with Quarkus. */
@ApplicationScoped
public class SftpLifecycle {
    private final SftpGateway gateway;
    private final SftpConfig config;

    @Inject
    public SftpLifecycle(SftpConfig config, TenancyConfig tenancy, IdentityPort identity, PolicyPort policy,
                         StoragePort storage, AuditSink sink, MeterRegistry registry,
                         SessionTracer tracer) {
        SessionAudit audit = new SessionAudit(sink);
        LoginFlows logins = new LoginFlows(tenancy.baseDomain(),
                tenancy.defaultTenant().filter(t -> !t.isBlank()).orElse(null), identity, policy, audit);
        this.config = config;
        this.gateway = new SftpGateway(config, logins, storage, audit, new SftpMetrics(registry), tracer);
    }

    void start(@Observes StartupEvent event) throws IOException {
        gateway.start();
    }

    /** Readiness turns DOWN first (the gateway stops accepting), then transfers get the shutdown deadline. */
    void stop(@Observes ShutdownEvent event) {
        gateway.shutdown(config.shutdownDeadline());
    }

    public SftpGateway gateway() {
        return gateway;
    }
}
