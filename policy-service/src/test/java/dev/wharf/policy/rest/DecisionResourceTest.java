package dev.wharf.policy.rest;

import dev.wharf.policy.testing.Gateway;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.policy.testing.PolicyTestResource;
import dev.wharf.policy.testing.RecordingAuditSink;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import dev.wharf.launcher.Poll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(PolicyTestResource.class)
class DecisionResourceTest {
    @Inject
    RecordingAuditSink audit;

    private static Map<String, Object> principal(String tenant, String user, List<String> protocols, List<String> cidrs) {
        return Map.of("tenant", tenant, "username", user, "userId", UUID.randomUUID().toString(), "groups", List.of(),
                "home", "/" + user, "allowedProtocols", protocols, "allowedCidrs", cidrs);
    }

    private static io.restassured.response.ValidatableResponse post(String path, Object body) {
        return Gateway.given().body(body).when().post(path).then();
    }

    private List<AuditEvent> denials(String user, String reason) {
        return audit.matching(e -> e.type() == AuditType.POLICY_DENIED && user.equals(e.user())
                && reason.equals(e.reason()));
    }

    @Test
    void connectFromACleanAddressIsAllowed() {
        post("/v1/decisions/connect", Map.of("clientIp", "203.0.113.10", "protocol", "sftp"))
                .statusCode(200).body("allowed", equalTo(true)).body("reason", equalTo("ok"));
    }

    @Test
    void repeatedFailuresBanTheAddressAndTheDenialIsAudited() {
        String ip = "203.0.113.77";
        for (int i = 0; i < 3; i++) {
            post("/v1/login-failures", Map.of("clientIp", ip, "tenant", "acme", "username", "mallory" + i,
                    "protocol", "ftps")).statusCode(204);
        }
        // the failures count once the shared log (Kafka) delivered them back
        Poll.until("the ban", Duration.ofSeconds(30), null, () -> !post("/v1/decisions/connect",
                Map.of("clientIp", "::ffff:" + ip, "tenant", "acme", "protocol", "ftps")).statusCode(200)
                .extract().<Boolean>path("allowed"));
        List<AuditEvent> events = audit.matching(e -> e.type() == AuditType.POLICY_DENIED
                && ip.equals(e.clientAddress()) && "address_banned".equals(e.reason()));
        assertEquals(1, events.size(), "one connect was denied");
        assertEquals("connect", events.get(0).data().get("stage"));
        assertEquals("acme", events.get(0).tenant());
        assertEquals("/policy-service", events.get(0).source());
    }

    @Test
    void exemptAddressIsNotBanned() {
        for (int i = 0; i < 5; i++) {
            post("/v1/login-failures", Map.of("clientIp", "192.0.2.50", "tenant", "acme", "username", "x",
                    "protocol", "sftp")).statusCode(204);
        }
        post("/v1/decisions/connect", Map.of("clientIp", "192.0.2.50", "protocol", "sftp"))
                .statusCode(200).body("allowed", equalTo(true));
    }

    @Test
    void loginWithinTheUsersRulesIsAllowed() {
        post("/v1/decisions/login", Map.of("principal", principal("acme", "ann", List.of("sftp"),
                List.of("203.0.113.0/24")), "protocol", "sftp", "clientIp", "203.0.113.1", "encrypted", true))
                .statusCode(200).body("allowed", equalTo(true)).body("reason", equalTo("ok"));
    }

    @Test
    void loginFromOutsideTheUsersRangesIsDeniedAndAudited() {
        post("/v1/decisions/login", Map.of("principal", principal("acme", "carl", List.of(),
                List.of("2001:db8::/32")), "protocol", "sftp", "clientIp", "203.0.113.1", "encrypted", true))
                .statusCode(200).body("allowed", equalTo(false)).body("reason", equalTo("address_not_allowed"));
        List<AuditEvent> events = denials("carl", "address_not_allowed");
        assertEquals(1, events.size());
        assertEquals("login", events.get(0).data().get("stage"));
        assertEquals("sftp", events.get(0).protocol());
    }

    @Test
    void loginOverAProtocolTheUserMayNotUseIsDenied() {
        post("/v1/decisions/login", Map.of("principal", principal("acme", "dora", List.of("sftp"), List.of()),
                "protocol", "ftps", "clientIp", "203.0.113.1", "encrypted", true))
                .statusCode(200).body("allowed", equalTo(false)).body("reason", equalTo("protocol_not_allowed"));
        assertEquals(1, denials("dora", "protocol_not_allowed").size());
    }

    @Test
    void plainFtpNeedsATenantThatAllowsIt() {
        post("/v1/decisions/login", Map.of("principal", principal("acme", "eve", List.of(), List.of()),
                "protocol", "ftp", "clientIp", "203.0.113.1", "encrypted", false))
                .statusCode(200).body("allowed", equalTo(false)).body("reason", equalTo("encryption_required"));
        assertEquals(1, denials("eve", "encryption_required").size());
        post("/v1/decisions/login", Map.of("principal", principal("plainco", "eve", List.of(), List.of()),
                "protocol", "ftp", "clientIp", "203.0.113.1", "encrypted", false))
                .statusCode(200).body("allowed", equalTo(true));
    }

    @Test
    void badInputIsA400WithAReason() {
        post("/v1/decisions/connect", Map.of("clientIp", "not-an-ip", "protocol", "sftp"))
                .statusCode(400).body("reason", equalTo("bad_request")).body("message", containsString("clientIp"));
        post("/v1/decisions/connect", Map.of("clientIp", "203.0.113.1", "protocol", "gopher"))
                .statusCode(400).body("reason", equalTo("bad_request")).body("message", containsString("gopher"));
        post("/v1/decisions/connect", Map.of("clientIp", "203.0.113.1"))
                .statusCode(400).body("reason", equalTo("bad_request"));
        post("/v1/decisions/login", Map.of("protocol", "sftp", "clientIp", "203.0.113.1", "encrypted", true))
                .statusCode(400).body("reason", equalTo("bad_request")).body("message", containsString("principal"));
        post("/v1/login-failures", Map.of("clientIp", "10.0.0", "tenant", "acme", "username", "x", "protocol", "ftp"))
                .statusCode(400).body("reason", equalTo("bad_request"));
        Gateway.given().body("{not json").when().post("/v1/decisions/connect").then()
                .statusCode(400).body("reason", equalTo("bad_request"));
        Gateway.given().when().post("/v1/decisions/connect").then()
                .statusCode(400).body("reason", equalTo("bad_request"));
        Gateway.given().body("[1]").when().post("/v1/decisions/login").then()
                .statusCode(400).body("reason", equalTo("bad_request"));
        Gateway.given().body(Map.of("principal", "alice", "protocol", "sftp",
                "clientIp", "203.0.113.1")).when().post("/v1/decisions/login").then()
                .statusCode(400).body("reason", equalTo("bad_request"));
    }

    @Test
    void healthAndMetricsAreServed() {
        // the defender's shared log replays its history first
        Poll.until("readiness", Duration.ofSeconds(60), null,
                () -> given().when().get("/q/health/ready").then().extract().statusCode() == 200);
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'defender' }.data.caughtUp", equalTo(true));
        post("/v1/decisions/connect", Map.of("clientIp", "203.0.113.11", "protocol", "sftp")).statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("wharf_policy_decisions_total"))
                .body(containsString("wharf_policy_bans_active"));
    }

    @Test
    void onlyTheGatewaysReachTheDecisionAndFailureEndpointsAndStrangersCannotBanAnyone() {
        String victim = "198.51.100.77";
        Map<String, Object> failure = Map.of("clientIp", victim, "tenant", "acme", "username", "alice",
                "protocol", "ftps");
        Map<String, io.restassured.specification.RequestSpecification> callers = new java.util.LinkedHashMap<>();
        callers.put("nobody", given().contentType(ContentType.JSON));
        callers.put("garbage", given().contentType(ContentType.JSON).header("Authorization", "Bearer x.y.z"));
        callers.put("operator", given().contentType(ContentType.JSON).header("Authorization",
                "Bearer " + dev.wharf.policy.testing.KeycloakRealms.operatorToken()));
        int before = audit.matching(e -> e.type() == AuditType.ACCESS_REFUSED).size();
        for (var c : callers.entrySet()) {
            // many more reports than the defender's threshold (3 in tests): none may count
            for (int i = 0; i < 5; i++) {
                c.getValue().body(failure).when().post("/v1/login-failures").then().statusCode(401)
                        .body("reason", equalTo("unauthenticated_caller"));
            }
            c.getValue().body(Map.of("clientIp", victim, "protocol", "ftps")).when().post("/v1/decisions/connect")
                    .then().statusCode(401).body("reason", equalTo("unauthenticated_caller"));
            c.getValue().body(Map.of("principal", principal("acme", "alice", List.of(), List.of()), "protocol", "ftps",
                    "clientIp", victim, "encrypted", true)).when().post("/v1/decisions/login").then().statusCode(401)
                    .body("reason", equalTo("unauthenticated_caller"));
        }
        post("/v1/decisions/connect", Map.of("clientIp", victim, "protocol", "ftps")).statusCode(200)
                .body("allowed", equalTo(true));
        var refused = audit.matching(e -> e.type() == AuditType.ACCESS_REFUSED);
        assertEquals(before + 7 * callers.size(), refused.size(), "every refused call is audited");
        AuditEvent last = refused.get(refused.size() - 1);
        assertEquals("unauthenticated_caller", last.reason());
        assertEquals("policy-service", last.data().get("service"));
        assertEquals("POST /v1/decisions/login", last.data().get("call"));
    }
}
