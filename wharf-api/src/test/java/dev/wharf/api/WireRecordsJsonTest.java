package dev.wharf.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.api.identity.AuthenticateRequest;
import dev.wharf.api.identity.AuthenticateResponse;
import dev.wharf.api.policy.ConnectDecisionRequest;
import dev.wharf.api.policy.DecisionResponse;
import dev.wharf.api.policy.LoginDecisionRequest;
import dev.wharf.api.policy.LoginFailureReport;
import dev.wharf.core.Reason;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Credentials;
import dev.wharf.core.identity.Principal;
import dev.wharf.core.policy.Decision;
import dev.wharf.core.session.Protocol;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.core.storage.UploadResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON of every record of the service contract (docs/service-api.md), both ways. */
class WireRecordsJsonTest {
    private static final ObjectMapper JSON = WireJson.mapper();
    private static final Principal ALICE = new Principal("acme", "alice", "6c2f", List.of("ops", "finance"),
            "/alice", List.of("sftp", "ftps"), List.of("10.0.0.0/8", "2001:db8::/32"));

    private static JsonNode tree(Object o) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(o));
    }

    @Test
    void authenticateRequest() throws Exception {
        Credentials c = new Credentials("acme", "alice", "s3cret123456", null, "192.0.2.1", Protocol.FTPS);
        AuthenticateRequest r = AuthenticateRequest.of(c);
        JsonNode n = tree(r);
        assertEquals("acme", n.get("tenant").asText());
        assertEquals("alice", n.get("username").asText());
        assertEquals("s3cret123456", n.get("password").asText());
        assertEquals("192.0.2.1", n.get("clientIp").asText());
        assertEquals("ftps", n.get("protocol").asText(), "protocols travel in their wire form");
        assertFalse(n.has("otp"), "an absent otp is left out");
        assertEquals(5, n.size());
        String json = """
                {"tenant":"acme","username":"alice","password":"pw","otp":"123456","clientIp":"::1","protocol":"sftp"}""";
        AuthenticateRequest back = JSON.readValue(json, AuthenticateRequest.class);
        assertEquals(new Credentials("acme", "alice", "pw", "123456", "::1", Protocol.SFTP), back.toCredentials());
    }

    @Test
    void authenticateRequestNeverPrintsItsSecrets() {
        AuthenticateRequest r = new AuthenticateRequest("acme", "alice", "hunter2-password", "987654", "::1", "ftp", null);
        assertFalse(r.toString().contains("hunter2-password"));
        assertFalse(r.toString().contains("987654"));
        assertTrue(r.toString().contains("alice"));
    }

    @Test
    void authenticateResponseWithPrincipal() throws Exception {
        JsonNode n = tree(AuthenticateResponse.ok(ALICE));
        assertEquals("ok", n.get("reason").asText());
        JsonNode p = n.get("principal");
        assertEquals("acme", p.get("tenant").asText());
        assertEquals("alice", p.get("username").asText());
        assertEquals("6c2f", p.get("userId").asText());
        assertEquals("/alice", p.get("home").asText());
        assertEquals("finance", p.get("groups").get(1).asText());
        assertEquals("sftp", p.get("allowedProtocols").get(0).asText());
        assertEquals("2001:db8::/32", p.get("allowedCidrs").get(1).asText());
        String json = """
                {"reason":"ok","principal":{"tenant":"acme","username":"alice","userId":"6c2f","groups":["ops","finance"],
                 "home":"/alice","allowedProtocols":["sftp","ftps"],"allowedCidrs":["10.0.0.0/8","2001:db8::/32"]}}""";
        AuthResult r = JSON.readValue(json, AuthenticateResponse.class).toAuthResult();
        assertTrue(r.ok());
        assertEquals(ALICE, r.principal());
    }

    @Test
    void authenticateResponseRefusal() throws Exception {
        JsonNode n = tree(AuthenticateResponse.refused(Reason.PASSWORD_CHANGE_REQUIRED));
        assertEquals("password_change_required", n.get("reason").asText());
        assertFalse(n.has("principal"));
        AuthResult r = JSON.readValue("{\"reason\":\"account_disabled\"}", AuthenticateResponse.class).toAuthResult();
        assertFalse(r.ok());
        assertEquals(Reason.ACCOUNT_DISABLED, r.reason());
        assertFalse(n.has("portalUrl"));
        JsonNode withPortal = tree(AuthenticateResponse.refused(Reason.SECOND_FACTOR_REQUIRED)
                .withPortalUrl("https://id.example.com/realms/acme/account"));
        assertEquals("https://id.example.com/realms/acme/account", withPortal.get("portalUrl").asText());
        AuthenticateResponse read = JSON.readValue("{\"reason\":\"password_change_required\",\"portalUrl\":\"https://p/\"}",
                AuthenticateResponse.class);
        assertEquals("https://p/", read.portalUrl());
        assertEquals(Reason.PASSWORD_CHANGE_REQUIRED, read.toAuthResult().reason());
        assertEquals(Reason.INTERNAL_ERROR,
                JSON.readValue("{\"reason\":\"ok\"}", AuthenticateResponse.class).toAuthResult().reason(),
                "ok without a principal is not a login");
        assertEquals(Reason.INTERNAL_ERROR,
                JSON.readValue("{\"reason\":\"from_the_future\"}", AuthenticateResponse.class).toAuthResult().reason());
        assertEquals(AuthenticateResponse.refused(Reason.BAD_CREDENTIALS),
                AuthenticateResponse.of(AuthResult.refused(Reason.BAD_CREDENTIALS)));
    }

    @Test
    void principalListsDefaultToEmpty() throws Exception {
        Principal p = JSON.readValue("{\"tenant\":\"acme\",\"username\":\"bob\",\"userId\":\"1\",\"home\":\"/bob\"}",
                Principal.class);
        assertEquals(List.of(), p.groups());
        assertEquals(List.of(), p.allowedProtocols());
        assertEquals(List.of(), p.allowedCidrs());
    }

    @Test
    void connectDecisionRequest() throws Exception {
        JsonNode n = tree(new ConnectDecisionRequest("203.0.113.9", null, "ftp"));
        assertEquals("203.0.113.9", n.get("clientIp").asText());
        assertEquals("ftp", n.get("protocol").asText());
        assertFalse(n.has("tenant"), "tenant is unknown at connect time");
        assertEquals(new ConnectDecisionRequest("::1", "acme", "sftp"), JSON.readValue(
                "{\"clientIp\":\"::1\",\"tenant\":\"acme\",\"protocol\":\"sftp\"}", ConnectDecisionRequest.class));
    }

    @Test
    void loginDecisionRequest() throws Exception {
        LoginDecisionRequest r = new LoginDecisionRequest(ALICE, "ftps", "192.0.2.1", true);
        JsonNode n = tree(r);
        assertEquals("alice", n.get("principal").get("username").asText());
        assertEquals("ftps", n.get("protocol").asText());
        assertEquals("192.0.2.1", n.get("clientIp").asText());
        assertTrue(n.get("encrypted").isBoolean() && n.get("encrypted").booleanValue());
        assertEquals(r, JSON.readValue(JSON.writeValueAsString(r), LoginDecisionRequest.class));
    }

    @Test
    void decisionResponse() throws Exception {
        JsonNode n = tree(DecisionResponse.of(Decision.deny(Reason.COUNTRY_NOT_ALLOWED)));
        assertFalse(n.get("allowed").booleanValue());
        assertEquals("country_not_allowed", n.get("reason").asText());
        assertEquals(Decision.ALLOW, JSON.readValue("{\"allowed\":true,\"reason\":\"ok\"}", DecisionResponse.class)
                .toDecision());
        assertEquals(Decision.deny(Reason.ADDRESS_BANNED),
                JSON.readValue("{\"allowed\":false,\"reason\":\"address_banned\"}", DecisionResponse.class).toDecision());
        assertEquals(Decision.deny(Reason.INTERNAL_ERROR),
                JSON.readValue("{\"allowed\":false,\"reason\":\"ok\"}", DecisionResponse.class).toDecision(),
                "a denial never reads as ok");
        assertTrue(tree(DecisionResponse.of(Decision.allow(true))).get("activeFtp").booleanValue());
        assertEquals(Decision.allow(true), JSON.readValue("{\"allowed\":true,\"reason\":\"ok\",\"activeFtp\":true}",
                DecisionResponse.class).toDecision());
        assertFalse(JSON.readValue("{\"allowed\":false,\"reason\":\"address_banned\",\"activeFtp\":true}",
                DecisionResponse.class).toDecision().activeFtp(), "a refusal carries no setting");
    }

    @Test
    void loginFailureReport() throws Exception {
        LoginFailureReport r = new LoginFailureReport("192.0.2.1", "acme", "mallory", "sftp");
        JsonNode n = tree(r);
        assertEquals("mallory", n.get("username").asText());
        assertEquals(4, n.size());
        assertEquals(r, JSON.readValue(JSON.writeValueAsString(r), LoginFailureReport.class));
    }

    @Test
    void fileInfoUsesIso8601Instants() throws Exception {
        FileInfo f = new FileInfo("report.csv", "/demo/report.csv", false, 42, Instant.parse("2025-01-02T03:04:05.678Z"),
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        JsonNode n = tree(f);
        assertEquals("2025-01-02T03:04:05.678Z", n.get("modified").asText());
        assertEquals(42, n.get("size").asLong());
        assertFalse(n.get("directory").booleanValue());
        assertEquals(f, JSON.readValue(JSON.writeValueAsString(f), FileInfo.class));
        FileInfo dir = JSON.readValue("""
                {"name":"in","path":"/demo/in","directory":true,"size":0,"modified":"2025-01-02T05:04:05+02:00"}""",
                FileInfo.class);
        assertTrue(dir.directory());
        assertNull(dir.sha256());
        assertEquals(Instant.parse("2025-01-02T03:04:05Z"), dir.modified());
    }

    @Test
    void uploadResult() throws Exception {
        UploadResult r = new UploadResult("/demo/a.bin", 1 << 20, "ab".repeat(32));
        JsonNode n = tree(r);
        assertEquals("/demo/a.bin", n.get("path").asText());
        assertEquals(1 << 20, n.get("size").asLong());
        assertEquals(r, JSON.readValue(JSON.writeValueAsString(r), UploadResult.class));
    }

    @Test
    void errorBody() throws Exception {
        JsonNode n = tree(ErrorBody.of(Reason.NOT_FOUND, "no such file: /demo/x"));
        assertEquals("not_found", n.get("reason").asText());
        assertEquals("no such file: /demo/x", n.get("message").asText());
        assertEquals(2, n.size());
        assertEquals(Reason.DIRECTORY_NOT_EMPTY,
                JSON.readValue("{\"reason\":\"directory_not_empty\",\"message\":\"m\"}", ErrorBody.class).toReason());
        assertEquals(Reason.NOT_FOUND.userMessage(), ErrorBody.of(Reason.NOT_FOUND, null).message());
    }

    @Test
    void newerPeersMayAddFields() throws Exception {
        DecisionResponse d = JSON.readValue("{\"allowed\":true,\"reason\":\"ok\",\"ttlSeconds\":30}",
                DecisionResponse.class);
        assertTrue(d.allowed());
    }

    @Test
    void unknownProtocolNamesAreRefused() throws Exception {
        AuthenticateRequest r = JSON.readValue("{\"protocol\":\"gopher\"}", AuthenticateRequest.class);
        assertThrows(IllegalArgumentException.class, r::toCredentials);
    }
}
