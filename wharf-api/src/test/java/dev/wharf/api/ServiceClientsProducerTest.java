package dev.wharf.api;

import dev.wharf.api.StubService.Answer;
import dev.wharf.api.http.ServiceProbe;
import dev.wharf.api.identity.HttpIdentityClient;
import dev.wharf.api.policy.HttpPolicyClient;
import dev.wharf.api.storage.HttpStorageClient;
import dev.wharf.core.Reason;
import dev.wharf.core.identity.Credentials;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.policy.PolicyPort;
import dev.wharf.core.session.Protocol;
import dev.wharf.core.session.TenantResolver;
import dev.wharf.core.storage.StoragePort;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A gateway gets working HTTP adapters of the core ports and its tenant resolver from configuration alone. */
@QuarkusTest
@QuarkusTestResource(StubServicesResource.class)
class ServiceClientsProducerTest {
    @Inject
    IdentityPort identity;
    @Inject
    PolicyPort policy;
    @Inject
    StoragePort storage;
    @Inject
    TenantResolver tenants;
    @Inject
    ServiceProbe probe;
    @Inject
    ServicesConfig services;
    @Inject
    TenancyConfig tenancy;

    @Test
    void portsAreTheHttpAdapters() {
        assertInstanceOf(HttpIdentityClient.class, ClientProxy.unwrap(identity));
        assertInstanceOf(HttpPolicyClient.class, ClientProxy.unwrap(policy));
        assertInstanceOf(HttpStorageClient.class, ClientProxy.unwrap(storage));
    }

    @Test
    void theIdentityAdapterCallsTheConfiguredService() {
        StubServicesResource.stub.respond(r -> Answer.json(200, "{\"reason\":\"bad_credentials\"}"));
        assertEquals(Reason.BAD_CREDENTIALS, identity.authenticate(
                new Credentials("demo", "alice", "pw", null, "127.0.0.1", Protocol.FTP)).reason());
        assertEquals("/v1/authenticate", StubServicesResource.stub.last().path(),
                "a trailing slash in the configured URL does not double the path's");
    }

    @Test
    void tenancyComesFromConfiguration() {
        assertEquals("files.example.com", tenancy.baseDomain());
        assertEquals("acme", tenants.resolve(null, "alice@acme.files.example.com").tenant());
        assertEquals("demo", tenants.resolve(null, "alice").tenant());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(Duration.ofSeconds(10), services.timeout());
        assertEquals(Duration.ofMinutes(2), services.commitTimeout());
    }

    @Test
    void theProbeSeesTheServiceReady() {
        StubServicesResource.stub.respond(r -> Answer.json(200, "{\"status\":\"UP\"}"));
        ServiceProbe.Status s = probe.probe("storage-service", services.storageUrl());
        assertTrue(s.up(), s.toString());
    }
}
