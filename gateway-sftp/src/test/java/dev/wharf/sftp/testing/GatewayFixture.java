package dev.wharf.sftp.testing;

import dev.wharf.api.trace.SessionTracer;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.sftp.server.SftpGateway;
import dev.wharf.sftp.server.SftpMetrics;
import dev.wharf.sftp.session.LoginFlows;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A real SFTP gateway on a free loopback port over in-memory ports. Tenant {@code demo} is the default; users
 * {@code alice} (home {@code /alice}) and {@code bob} (home {@code /bob}) exist with password {@value #PASSWORD}.
 */
public final class GatewayFixture implements AutoCloseable {
    public static final String TENANT = "demo";
    public static final String PASSWORD = "s3cret-Pa55";

    public final InMemoryStorage storage = new InMemoryStorage();
    public final InMemoryIdentity identity = new InMemoryIdentity();
    public final InMemoryPolicy policy = new InMemoryPolicy();
    public final RecordingAuditSink audit = new RecordingAuditSink();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final SftpGateway gateway;

    public GatewayFixture(Path hostKeyDir) throws IOException {
        this(new TestConfig(hostKeyDir.toString()));
    }

    public GatewayFixture(TestConfig config) throws IOException {
        this(config, g -> {
        });
    }

    /** With {@code beforeStart} applied to the gateway before it starts (e.g. extra session listeners). */
    public GatewayFixture(Path hostKeyDir, java.util.function.Consumer<SftpGateway> beforeStart) throws IOException {
        this(new TestConfig(hostKeyDir.toString()), beforeStart);
    }

    public GatewayFixture(TestConfig config, java.util.function.Consumer<SftpGateway> beforeStart) throws IOException {
        identity.addUser(TENANT, "alice", PASSWORD, "/alice");
        identity.addUser(TENANT, "bob", PASSWORD, "/bob");
        storage.folder(TENANT, "/alice");
        storage.folder(TENANT, "/bob");
        SessionAudit sessionAudit = new SessionAudit(audit);
        LoginFlows logins = new LoginFlows("files.example.test", TENANT, identity, policy, sessionAudit);
        gateway = new SftpGateway(config, logins, storage, sessionAudit, new SftpMetrics(meters),
                SessionTracer.none());
        beforeStart.accept(gateway);
        gateway.start();
    }

    public int port() {
        return gateway.port();
    }

    @Override
    public void close() {
        gateway.stop();
    }
}
