package dev.wharf.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 on the whole platform: a process inside the cluster that holds no credential, or the wrong one, gets
 * nothing from identity-, policy- or storage-service; a real grant reaches only its own tenant and home, and not
 * after it expired (the e2e platform issues 15-second grants); every refusal is an audit event.
 */
class InternalCallsEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String PASSWORD = "Internal-" + UUID.randomUUID() + "-x";
    private static final String A = "ic-alpha";
    private static final String B = "ic-beta";

    private final E2ePlatform platform = E2ePlatform.get();

    @BeforeAll
    static void twoTenants() {
        AdminApi admin = E2ePlatform.get().admin();
        admin.tenant(A, null);
        admin.tenant(B, null);
        admin.user(A, "alice", PASSWORD, null);
        admin.user(A, "bob", PASSWORD, null);
        admin.user(B, "carol", PASSWORD, null);
    }

    private record Reply(int status, String body) {
        String reason() {
            try {
                return JSON.readTree(body).path("reason").asText("");
            } catch (IOException e) {
                return "";
            }
        }
    }

    private static Reply call(String method, String url, String bearer, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A login as a gateway makes it: the answer's grant. */
    private String grantOf(String tenant, String user) throws IOException {
        Reply r = call("POST", platform.platform().identityUrl() + "/v1/authenticate", platform.platform().gatewayToken(),
                JSON.writeValueAsString(Map.of("tenant", tenant, "username", user, "password", PASSWORD,
                        "clientIp", "192.0.2.50", "protocol", "sftp", "sessionId", "e2e-" + UUID.randomUUID())));
        JsonNode answer = JSON.readTree(r.body());
        assertEquals("ok", answer.path("reason").asText(), r.body());
        return answer.path("grant").asText();
    }

    private String storage(String tenant, String op, String path) {
        return platform.platform().storageUrl() + "/v1/tenants/" + tenant + "/" + op + "?path="
                + URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    /** Every storage call the gateways make, for {@code tenant} at {@code path}, with {@code grant}. */
    private List<Reply> everyStorageCall(String tenant, String path, String grant) {
        String rename = platform.platform().storageUrl() + "/v1/tenants/" + tenant + "/rename?from="
                + URLEncoder.encode(path, StandardCharsets.UTF_8) + "&to="
                + URLEncoder.encode(path + ".moved", StandardCharsets.UTF_8);
        return List.of(
                call("GET", storage(tenant, "list", "/"), grant, null),
                call("GET", storage(tenant, "stat", path), grant, null),
                call("GET", storage(tenant, "content", path), grant, null),
                call("PUT", storage(tenant, "content", path + ".planted"), grant, "planted"),
                call("DELETE", storage(tenant, "content", path), grant, null),
                call("POST", rename, grant, null),
                call("POST", storage(tenant, "folders", "/evil"), grant, null));
    }

    @Test
    void noCredentialNoAnswerFromAnyInternalEndpoint() throws IOException {
        String id = platform.platform().identityUrl();
        String policy = platform.platform().policyUrl();
        String operator = platform.platform().operatorToken();
        String login = JSON.writeValueAsString(Map.of("tenant", A, "username", "alice", "password", PASSWORD,
                "clientIp", "192.0.2.51", "protocol", "sftp"));
        for (String bearer : new String[] {null, "not-a-token", operator}) {
            List<Reply> replies = new ArrayList<>(List.of(
                    call("POST", id + "/v1/authenticate", bearer, login),
                    call("POST", id + "/v1/authenticate/publickey", bearer, "{\"tenant\":\"" + A
                            + "\",\"username\":\"alice\",\"publicKey\":\"ssh-ed25519 AAAA\",\"protocol\":\"sftp\"}"),
                    call("GET", id + "/v1/hostnames/files.example.com", bearer, null),
                    call("POST", id + "/v1/grants/renew", bearer, "{\"grant\":\"x\"}"),
                    call("POST", policy + "/v1/decisions/connect", bearer,
                            "{\"clientIp\":\"192.0.2.51\",\"protocol\":\"sftp\"}"),
                    call("POST", policy + "/v1/login-failures", bearer, "{\"clientIp\":\"192.0.2.51\",\"tenant\":\""
                            + A + "\",\"username\":\"alice\",\"protocol\":\"sftp\"}")));
            replies.addAll(everyStorageCall(A, "/alice/report.csv", bearer));
            for (Reply r : replies) {
                assertEquals(401, r.status(), "bearer " + bearer + ": " + r);
                assertEquals("unauthenticated_caller", r.reason(), r.toString());
                assertFalse(r.body().contains(PASSWORD) || r.body().contains("principal"), r.toString());
            }
        }
        try (AuditLog audit = platform.auditLog()) {
            List<AuditLog.Entry> events = audit.awaitAll(Duration.ofSeconds(60),
                    AuditLog.of("dev.wharf.access.refused", Map.of("service", "identity-service",
                            "call", "POST /v1/authenticate")),
                    AuditLog.of("dev.wharf.access.refused", Map.of("service", "policy-service",
                            "call", "POST /v1/login-failures")),
                    AuditLog.of("dev.wharf.access.refused", Map.of("service", "storage-service",
                            "call", "GET /v1/tenants/" + A + "/list")));
            assertTrue(events.stream().filter(e -> "dev.wharf.access.refused".equals(e.type())).count() >= 3 * 13,
                    "each refused call is an audit event");
        }
    }

    @Test
    void aRealGrantReachesItsOwnHomeOnlyAndNothingAfterItExpires() throws Exception {
        String alice = grantOf(A, "alice");
        String bob = grantOf(A, "bob");
        assertEquals(201, call("PUT", storage(A, "content", "/bob/secret.txt"), bob, "bob's").status());
        assertEquals(201, call("PUT", storage(A, "content", "/alice/mine.txt"), alice, "alice's").status());
        assertEquals(200, call("GET", storage(A, "content", "/alice/mine.txt"), alice, null).status());

        // another user's home in the same tenant, and another tenant
        for (Reply r : everyStorageCall(A, "/bob/secret.txt", alice)) {
            assertEquals(403, r.status(), r.toString());
            assertEquals("permission_denied", r.reason(), r.toString());
        }
        for (Reply r : everyStorageCall(B, "/carol/x.txt", alice)) {
            assertEquals(403, r.status(), r.toString());
            assertEquals("permission_denied", r.reason(), r.toString());
        }
        assertEquals("bob's", call("GET", storage(A, "content", "/bob/secret.txt"), bob, null).body());

        // the platform's grants live 15 s (E2ePlatform): wait out alice's, bounded
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Reply after;
        do {
            after = call("GET", storage(A, "stat", "/alice/mine.txt"), alice, null);
        } while (after.status() == 200 && Instant.now().isBefore(deadline)
                && !Thread.currentThread().isInterrupted() && pause());
        assertEquals(401, after.status(), after.toString());
        assertTrue(after.body().contains("expired"), after.toString());
        for (Reply r : everyStorageCall(A, "/alice/mine.txt", alice)) {
            assertEquals(401, r.status(), r.toString());
        }
        // a gateway renews it, and the renewed grant works again
        Reply renewed = call("POST", platform.platform().identityUrl() + "/v1/grants/renew",
                platform.platform().gatewayToken(), JSON.writeValueAsString(Map.of("grant", alice)));
        assertEquals(200, renewed.status(), renewed.toString());
        String fresh = JSON.readTree(renewed.body()).path("grant").asText();
        assertEquals(200, call("GET", storage(A, "stat", "/alice/mine.txt"), fresh, null).status());
    }

    /** Half a second between polls of the clock-bound expiry; true to keep polling. */
    private static boolean pause() {
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        return true;
    }
}
