package dev.wharf.sftp.server;

import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.core.policy.PolicyPort;
import dev.wharf.core.session.TenantResolver;
import dev.wharf.core.storage.StoragePort;
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

    @Inject
    public SftpLifecycle(SftpConfig config, TenantResolver tenants, IdentityPort identity, PolicyPort policy,
                         StoragePort storage, AuditSink sink, MeterRegistry registry) {
        SessionAudit audit = new SessionAudit(sink);
        this.gateway = new SftpGateway(config, new LoginFlow(tenants, identity, policy, audit), storage, audit,
                new SftpMetrics(registry));
    }

    void start(@Observes StartupEvent event) throws IOException {
        gateway.start();
    }

    void stop(@Observes ShutdownEvent event) {
        gateway.stop();
    }

    public SftpGateway gateway() {
        return gateway;
    }
}
