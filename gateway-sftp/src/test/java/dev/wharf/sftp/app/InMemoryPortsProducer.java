package dev.wharf.sftp.app;

import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.policy.PolicyPort;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.sftp.testing.GatewayFixture;
import dev.wharf.sftp.testing.InMemoryIdentity;
import dev.wharf.sftp.testing.InMemoryPolicy;
import dev.wharf.sftp.testing.InMemoryStorage;
import dev.wharf.sftp.testing.RecordingAuditSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * In the Quarkus test the core ports are in memory (wharf-api's HTTP adapters are default beans, so these win):
 * the real services are covered by the end-to-end tests. The tenant resolver and the readiness probe are
 * wharf-api's own beans.
 */
@ApplicationScoped
public class InMemoryPortsProducer {
    private final InMemoryStorage storage = new InMemoryStorage();
    private final InMemoryIdentity identity = new InMemoryIdentity();

    public InMemoryPortsProducer() {
        identity.addUser(GatewayFixture.TENANT, "alice", GatewayFixture.PASSWORD, "/alice");
        storage.folder(GatewayFixture.TENANT, "/alice");
    }

    @Produces
    @Singleton
    IdentityPort identity() {
        return identity;
    }

    @Produces
    @Singleton
    PolicyPort policy() {
        return new InMemoryPolicy();
    }

    @Produces
    @Singleton
    StoragePort storage() {
        return storage;
    }

    @Produces
    @Singleton
    AuditSink audit() {
        return new RecordingAuditSink();
    }
}
