package dev.wharf.api.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.StubService;
import dev.wharf.api.StubService.Answer;
import dev.wharf.api.WireJson;
import dev.wharf.api.http.ServiceHttp;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.identity.Principal;
import dev.wharf.core.policy.Decision;
import dev.wharf.core.session.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpPolicyClientTest {
    private StubService stub;
    private HttpPolicyClient client;

    @BeforeEach
    void start() throws IOException {
        stub = new StubService();
        Duration t = Duration.ofSeconds(5);
        client = new HttpPolicyClient(new ServiceHttp(ServiceHttp.newClient(t), "policy-service", stub.url(), t));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void connectDecisionBeforeTheTenantIsKnown() throws Exception {
        stub.respond(r -> Answer.json(200, "{\"allowed\":false,\"reason\":\"address_banned\"}"));
        Decision d = client.checkConnect("203.0.113.5", null, Protocol.FTP);
        assertEquals(Decision.deny(Reason.ADDRESS_BANNED), d);
        StubService.Seen s = stub.last();
        assertEquals("POST", s.method());
        assertEquals("/v1/decisions/connect", s.path());
        JsonNode body = WireJson.mapper().readTree(s.body());
        assertEquals("203.0.113.5", body.get("clientIp").asText());
        assertEquals("ftp", body.get("protocol").asText());
        assertFalse(body.has("tenant"));
    }

    @Test
    void loginDecisionCarriesThePrincipal() throws Exception {
        stub.respond(r -> Answer.json(200, "{\"allowed\":true,\"reason\":\"ok\"}"));
        Principal p = new Principal("acme", "alice", "u1", List.of("ops"), "/alice", List.of(), List.of());
        assertEquals(Decision.ALLOW, client.checkLogin(p, Protocol.FTPS, "192.0.2.1", true));
        StubService.Seen s = stub.last();
        assertEquals("/v1/decisions/login", s.path());
        JsonNode body = WireJson.mapper().readTree(s.body());
        assertEquals("alice", body.get("principal").get("username").asText());
        assertEquals("ftps", body.get("protocol").asText());
        assertTrue(body.get("encrypted").booleanValue());
    }

    @Test
    void loginFailuresAreReported() throws Exception {
        stub.respond(r -> Answer.empty(204));
        client.reportLoginFailure("192.0.2.1", "acme", "mallory", Protocol.SFTP);
        StubService.Seen s = stub.last();
        assertEquals("/v1/login-failures", s.path());
        JsonNode body = WireJson.mapper().readTree(s.body());
        assertEquals("mallory", body.get("username").asText());
        assertEquals("acme", body.get("tenant").asText());
        assertEquals("sftp", body.get("protocol").asText());
    }

    @Test
    void failuresThrowWithTheirReason() {
        stub.respond(r -> Answer.json(500, "{\"reason\":\"internal_error\",\"message\":\"GeoIP database missing\"}"));
        assertEquals(Reason.SERVICE_UNAVAILABLE, assertThrows(WharfException.class,
                () -> client.checkConnect("192.0.2.1", "acme", Protocol.SFTP)).reason());
        stub.respond(r -> Answer.json(400, "{\"reason\":\"bad_request\",\"message\":\"clientIp is not an address\"}"));
        assertEquals(Reason.BAD_REQUEST, assertThrows(WharfException.class,
                () -> client.checkConnect("nonsense", "acme", Protocol.SFTP)).reason());
    }
}
