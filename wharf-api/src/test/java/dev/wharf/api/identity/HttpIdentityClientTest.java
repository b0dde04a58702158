package dev.wharf.api.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.StubService;
import dev.wharf.api.StubService.Answer;
import dev.wharf.api.WireJson;
import dev.wharf.api.http.ServiceHttp;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.bandwidth.Bandwidth;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Credentials;
import dev.wharf.core.session.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpIdentityClientTest {
    private static final Credentials ALICE = new Credentials("acme", "alice", "pw-123456", "654321", "192.0.2.1",
            Protocol.SFTP);

    private StubService stub;
    private HttpIdentityClient client;

    @BeforeEach
    void start() throws IOException {
        stub = new StubService();
        client = clientFor(stub.url(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static HttpIdentityClient clientFor(URI url, Duration timeout) {
        return new HttpIdentityClient(new ServiceHttp(ServiceHttp.newClient(timeout), "identity-service", url, timeout));
    }

    @Test
    void postsTheCredentialsAndReadsThePrincipal() throws Exception {
        stub.respond(r -> Answer.json(200, """
                {"reason":"ok","principal":{"tenant":"acme","username":"alice","userId":"u1","groups":["ops"],
                 "home":"/alice","allowedProtocols":[],"allowedCidrs":[]}}"""));
        AuthResult r = client.authenticate(ALICE);
        assertTrue(r.ok());
        assertEquals("u1", r.principal().userId());
        assertEquals(List.of("ops"), r.principal().groups());

        StubService.Seen seen = stub.last();
        assertEquals("POST", seen.method());
        assertEquals("/v1/authenticate", seen.path());
        assertTrue(seen.header("Content-Type").startsWith("application/json"));
        JsonNode body = WireJson.mapper().readTree(seen.body());
        assertEquals("alice", body.get("username").asText());
        assertEquals("pw-123456", body.get("password").asText());
        assertEquals("654321", body.get("otp").asText());
        assertEquals("sftp", body.get("protocol").asText());
        assertEquals("192.0.2.1", body.get("clientIp").asText());
    }

    @Test
    void aTenantsOwnHostNameIsLookedUpOnceThenCached() {
        List<String> paths = new ArrayList<>();
        stub.respond(r -> {
            paths.add(r.path());
            return r.path().endsWith("/ftp.acme.com")
                    ? Answer.json(200, "{\"hostname\":\"ftp.acme.com\",\"tenant\":\"acme\"}")
                    : Answer.json(404, "{\"reason\":\"not_found\",\"message\":\"no tenant has that host name\"}");
        });
        assertEquals(java.util.Optional.of("acme"), client.tenantOfHostname("ftp.acme.com"));
        assertEquals(java.util.Optional.of("acme"), client.tenantOfHostname("ftp.acme.com"));
        assertEquals(java.util.Optional.empty(), client.tenantOfHostname("ftp.other.org"));
        assertEquals(java.util.Optional.empty(), client.tenantOfHostname("ftp.other.org"));
        assertEquals(List.of("/v1/hostnames/ftp.acme.com", "/v1/hostnames/ftp.other.org"), paths,
                "found and not-found answers are both reused");
    }

    @Test
    void anUnreachableIdentityServiceNamesNoTenantForAHostName() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpIdentityClient down = clientFor(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2));
        assertEquals(java.util.Optional.empty(), down.tenantOfHostname("ftp.acme.com"));
    }

    @Test
    void postsThePublicKeyToItsOwnEndpoint() throws Exception {
        stub.respond(r -> Answer.json(200, """
                {"reason":"ok","principal":{"tenant":"acme","username":"alice","userId":"u1","groups":[],
                 "home":"/alice","allowedProtocols":[],"allowedCidrs":[]}}"""));
        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA alice@laptop";
        AuthResult r = client.authenticatePublicKey("acme", "alice", key, "192.0.2.1", Protocol.SFTP, "s-1");
        assertTrue(r.ok());
        assertEquals("u1", r.principal().userId());
        StubService.Seen seen = stub.last();
        assertEquals("/v1/authenticate/publickey", seen.path());
        JsonNode body = WireJson.mapper().readTree(seen.body());
        assertEquals("acme", body.get("tenant").asText());
        assertEquals("alice", body.get("username").asText());
        assertEquals(key, body.get("publicKey").asText());
        assertEquals("192.0.2.1", body.get("clientIp").asText());
        assertEquals("sftp", body.get("protocol").asText());
        assertFalse(body.has("password"));

        stub.respond(x -> Answer.json(200, "{\"reason\":\"account_disabled\"}"));
        assertEquals(Reason.ACCOUNT_DISABLED,
                client.authenticatePublicKey("acme", "alice", key, "192.0.2.1", Protocol.SFTP, "s-1").reason());
        stub.respond(x -> Answer.json(503, "{\"reason\":\"service_unavailable\",\"message\":\"Keycloak down\"}"));
        assertEquals(Reason.SERVICE_UNAVAILABLE, assertThrows(WharfException.class,
                () -> client.authenticatePublicKey("acme", "alice", key, "192.0.2.1", Protocol.SFTP, "s-1")).reason());
    }

    @Test
    void everyCallCarriesTheServiceCredentialAndALoginItsGrant() throws Exception {
        HttpIdentityClient gateway = new HttpIdentityClient(new ServiceHttp(ServiceHttp.newClient(Duration.ofSeconds(5)),
                "identity-service", stub.url(), Duration.ofSeconds(5)).withBearer(() -> "gateway-token"));
        stub.respond(r -> Answer.json(200, """
                {"reason":"ok","principal":{"tenant":"acme","username":"alice","userId":"u1","groups":[],
                 "home":"/alice","allowedProtocols":[],"allowedCidrs":[]},
                 "grant":"g.r.ant","grantExpiresAt":"2030-01-01T00:05:00Z","grantBandwidth":{"upload":4096}}"""));
        AuthResult r = gateway.authenticate(new dev.wharf.core.identity.Credentials("acme", "alice", "pw", null,
                "192.0.2.1", Protocol.FTPS, "session-7"));
        assertEquals("g.r.ant", r.grant().token());
        assertEquals(java.time.Instant.parse("2030-01-01T00:05:00Z"), r.grant().expiresAt());
        assertEquals(new Bandwidth(4096, Bandwidth.UNLIMITED), r.grant().bandwidth(), "the user's rate limits");
        assertEquals("Bearer gateway-token", stub.last().header("Authorization"));
        assertEquals("session-7", WireJson.mapper().readTree(stub.last().body()).get("sessionId").asText());

        stub.respond(x -> Answer.json(200, "{\"grant\":\"n.e.w\",\"expiresAt\":\"2030-01-01T00:10:00Z\","
                + "\"bandwidth\":{\"download\":8192}}"));
        var renewed = gateway.renewGrant(r.grant());
        assertEquals("n.e.w", renewed.token());
        assertEquals(new Bandwidth(Bandwidth.UNLIMITED, 8192), renewed.bandwidth(), "a renewal brings changed limits");
        assertEquals("/v1/grants/renew", stub.last().path());
        assertEquals("g.r.ant", WireJson.mapper().readTree(stub.last().body()).get("grant").asText());
        assertEquals("Bearer gateway-token", stub.last().header("Authorization"));

        stub.respond(x -> Answer.json(401, "{\"reason\":\"unauthenticated_caller\",\"message\":\"the user is disabled\"}"));
        assertEquals(Reason.UNAUTHENTICATED_CALLER, assertThrows(WharfException.class,
                () -> gateway.renewGrant(r.grant())).reason());
    }

    @Test
    void refusalsAreAnswersNotExceptions() {
        stub.respond(r -> Answer.json(200, "{\"reason\":\"second_factor_required\"}"));
        AuthResult r = client.authenticate(ALICE);
        assertFalse(r.ok());
        assertEquals(Reason.SECOND_FACTOR_REQUIRED, r.reason());
    }

    @Test
    void errorBodiesBecomeTheirReason() {
        stub.respond(r -> Answer.json(400, "{\"reason\":\"bad_request\",\"message\":\"protocol missing\"}"));
        WharfException e = assertThrows(WharfException.class, () -> client.authenticate(ALICE));
        assertEquals(Reason.BAD_REQUEST, e.reason());
        assertTrue(e.getMessage().contains("protocol missing"));
    }

    @Test
    void keycloakDownIsServiceUnavailable() {
        stub.respond(r -> Answer.json(503, "{\"reason\":\"service_unavailable\",\"message\":\"Keycloak down\"}"));
        assertEquals(Reason.SERVICE_UNAVAILABLE,
                assertThrows(WharfException.class, () -> client.authenticate(ALICE)).reason());
    }

    @Test
    void unreadableAnswersAreInternalErrors() {
        stub.respond(r -> Answer.json(200, "{\"reason\": [oops"));
        assertEquals(Reason.INTERNAL_ERROR, assertThrows(WharfException.class, () -> client.authenticate(ALICE)).reason());
        stub.respond(r -> Answer.json(200, "{}"));
        assertEquals(Reason.INTERNAL_ERROR, assertThrows(WharfException.class, () -> client.authenticate(ALICE)).reason());
    }

    @Test
    void aClosedPortIsServiceUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpIdentityClient c = clientFor(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2));
        WharfException e = assertThrows(WharfException.class, () -> c.authenticate(ALICE));
        assertEquals(Reason.SERVICE_UNAVAILABLE, e.reason());
        assertFalse(e.getMessage().contains("pw-123456"), "the password never appears in an error");
    }

    @Test
    void aServiceThatNeverAnswersTimesOut() throws Exception {
        // accepts connections but never answers: the call must give up after the configured timeout
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept());
                    }
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            HttpIdentityClient c = clientFor(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                    Duration.ofMillis(500));
            long started = System.nanoTime();
            WharfException e = assertThrows(WharfException.class, () -> c.authenticate(ALICE));
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals(Reason.SERVICE_UNAVAILABLE, e.reason());
            assertTrue(tookMs < 10_000, "gave up after " + tookMs + " ms");
            silent.close();
            acceptor.join(5_000);
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
