package dev.wharf.ftp.app;

import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.policy.PolicyPort;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.MemoryIdentity;
import dev.wharf.ftp.support.MemoryPolicy;
import dev.wharf.ftp.support.MemoryStorage;
import dev.wharf.ftp.support.RecordingAuditSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Replaces wharf-api's HTTP adapters and wharf-audit's Kafka sink (both default beans) in the Quarkus test with the
 * in-memory ports, so that the test exercises this module's wiring, not the services.
 */
@ApplicationScoped
public class InMemoryPorts {
    static final MemoryIdentity IDENTITY = new MemoryIdentity()
            .user(GatewayFixture.TENANT, "alice", GatewayFixture.PASSWORD, "/alice");
    static final MemoryStorage STORAGE = new MemoryStorage();
    static final RecordingAuditSink AUDIT = new RecordingAuditSink();

    @Produces
    @Singleton
    IdentityPort identity() {
        return IDENTITY;
    }

    @Produces
    @Singleton
    PolicyPort policy() {
        return new MemoryPolicy();
    }

    @Produces
    @Singleton
    StoragePort storage() {
        return STORAGE;
    }

    @Produces
    @Singleton
    AuditSink audit() {
        return AUDIT;
    }
}
