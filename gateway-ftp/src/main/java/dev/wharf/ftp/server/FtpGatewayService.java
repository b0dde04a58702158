package dev.wharf.ftp.server;

import dev.wharf.api.trace.SessionTracer;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.grant.LiveGrants;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.core.policy.PolicyPort;
import dev.wharf.core.session.TenantResolver;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.ftp.metrics.FtpMetrics;
import dev.wharf.ftp.tls.ServerTls;
import dev.wharf.ftp.tls.TlsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.ftpserver.ftplet.FtpException;

import java.util.Optional;

/**
 * Runs the {@link FtpGateway} for the Quarkus application's lifetime: listeners bind at startup (a port in use or a
 * bad certificate stops the application) and close at shutdown.
 */
@ApplicationScoped
public class FtpGatewayService {
    private final FtpConfig config;
    private final SessionTracer tracer;
    private final TlsConfig tlsConfig;
    private final TenantResolver tenants;
    private final IdentityPort identity;
    private final PolicyPort policy;
    private final StoragePort storage;
    private final AuditSink auditSink;
    private final MeterRegistry registry;
    private volatile FtpGateway gateway;
    private volatile ServerTls tls;

    @Inject
    public FtpGatewayService(FtpConfig config, TlsConfig tlsConfig, TenantResolver tenants, IdentityPort identity,
                             PolicyPort policy, StoragePort storage, AuditSink auditSink, MeterRegistry registry,
                             SessionTracer tracer) {
        this.tracer = tracer;
        this.config = config;
        this.tlsConfig = tlsConfig;
        this.tenants = tenants;
        this.identity = identity;
        this.policy = policy;
        this.storage = storage;
        this.auditSink = auditSink;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) throws FtpException {
        SessionAudit audit = new SessionAudit(auditSink);
        LoginFlow loginFlow = new LoginFlow(tenants, identity, policy, audit, new LiveGrants(identity));
        tls = ServerTls.load(tlsConfig);
        FtpGateway g = new FtpGateway(config, tls, tenants, loginFlow, storage, audit, new FtpMetrics(registry),
                tracer);
        g.start();
        gateway = g;
    }

    void onStop(@Observes ShutdownEvent event) {
        FtpGateway g = gateway;
        if (g != null) {
            g.stop();
        }
        ServerTls t = tls;
        if (t != null) {
            t.close();
        }
    }

    /** The running gateway, once started. */
    public Optional<FtpGateway> gateway() {
        return Optional.ofNullable(gateway);
    }
}
