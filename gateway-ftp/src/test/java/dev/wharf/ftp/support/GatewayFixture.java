package dev.wharf.ftp.support;

import dev.wharf.api.trace.SessionTracer;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.core.session.TenantResolver;
import dev.wharf.ftp.metrics.FtpMetrics;
import dev.wharf.ftp.server.FtpConfig;
import dev.wharf.ftp.server.FtpGateway;
import dev.wharf.ftp.tls.PemKeyMaterial;
import dev.wharf.ftp.tls.ServerTls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A running gateway on loopback over in-memory ports (identity, policy, storage, audit), with one tenant
 * {@code demo} and users {@code alice} (home /alice) and {@code bob} (home /bob).
 */
public final class GatewayFixture implements AutoCloseable {
    public static final String TENANT = "demo";
    public static final String PASSWORD = "correct horse";
    /** Base domain of the test platform: tenant {@code acme} is {@code acme.files.test}. */
    public static final String BASE_DOMAIN = "files.test";

    public final MemoryIdentity identity = new MemoryIdentity()
            .user(TENANT, "alice", PASSWORD, "/alice")
            .user(TENANT, "bob", PASSWORD, "/bob");
    public final MemoryPolicy policy = new MemoryPolicy();
    public final MemoryStorage storage = new MemoryStorage();
    public final RecordingAuditSink audit;
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final TestTls tls;
    public final FtpGateway gateway;

    public GatewayFixture() throws Exception {
        this(TestFtpConfig.loopback());
    }

    public GatewayFixture(FtpConfig config) throws Exception {
        this(config, null);
    }

    /** @param serverTls the gateway's TLS (e.g. watching certificate files); null = a throwaway EC certificate */
    public GatewayFixture(FtpConfig config, ServerTls serverTls) throws Exception {
        this(config, serverTls, null);
    }

    /** @param auditDownstream where events go after being recorded (a real spooling sink), or null */
    public GatewayFixture(FtpConfig config, ServerTls serverTls, AuditSink auditDownstream) throws Exception {
        audit = new RecordingAuditSink(auditDownstream);
        Path dir = Files.createTempDirectory("wharf-ftp-test");
        dir.toFile().deleteOnExit();
        tls = TestTls.ec(dir);
        storage.mkdirs(TENANT, "/alice");
        SessionAudit sessionAudit = new SessionAudit(audit);
        TenantResolver tenants = new TenantResolver(BASE_DOMAIN, TENANT);
        LoginFlow login = new LoginFlow(tenants, identity, policy, sessionAudit);
        gateway = new FtpGateway(config, serverTls != null ? serverTls
                : ServerTls.of(PemKeyMaterial.load(tls.certificate(), tls.privateKey())), tenants, login, storage, sessionAudit, new FtpMetrics(meters),
                SessionTracer.none());
        gateway.start();
    }

    public int explicitPort() {
        return gateway.port(false, 0);
    }

    public int implicitPort() {
        return gateway.port(true, 0);
    }

    @Override
    public void close() {
        gateway.stop();
    }
}
