package dev.wharf.policy.rest;

import dev.wharf.policy.testing.Gateway;
import dev.wharf.core.audit.AuditType;
import dev.wharf.launcher.Poll;
import dev.wharf.policy.testing.KeycloakRealms;
import dev.wharf.policy.testing.PolicyTestResource;
import dev.wharf.policy.testing.RecordingAuditSink;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The operators' bans API over the real Keycloak (tokens) and Kafka (the defender's shared log). */
@QuarkusTest
@QuarkusTestResource(PolicyTestResource.class)
class BanAdminResourceTest {
    @Inject
    RecordingAuditSink audit;

    private static ValidatableResponse post(String path, Object body) {
        return Gateway.given().body(body).when().post(path).then();
    }

    private static boolean allowed(String ip) {
        return post("/v1/decisions/connect", Map.of("clientIp", ip, "protocol", "sftp")).statusCode(200)
                .extract().path("allowed");
    }

    @Test
    void withoutATokenItIs401AndWithoutTheRoleItIs403() {
        given().when().get("/v1/admin/bans").then().statusCode(401).body("reason", equalTo("bad_credentials"));
        given().auth().oauth2("not-a-token").when().get("/v1/admin/bans").then().statusCode(401);
        given().when().delete("/v1/admin/bans/203.0.113.1").then().statusCode(401);

        String user = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Pw-" + UUID.randomUUID() + "-x";
        KeycloakRealms.createAdminRealmUser(user, password);
        String token = KeycloakRealms.adminApiToken(user, password);
        given().auth().oauth2(token).when().get("/v1/admin/bans").then().statusCode(403)
                .body("reason", equalTo("permission_denied"));
        given().auth().oauth2(token).when().delete("/v1/admin/bans/203.0.113.1").then().statusCode(403);
    }

    @Test
    void anOperatorListsAndLiftsABan() {
        String ip = "127.0.0.9"; // a loopback address, as PROXY headers in end-to-end tests give them
        String token = KeycloakRealms.operatorToken();
        for (int i = 0; i < 3; i++) {
            post("/v1/login-failures", Map.of("clientIp", ip, "tenant", "acme", "username", "bob" + i,
                    "protocol", "sftp")).statusCode(204);
        }
        Poll.until("the ban", Duration.ofSeconds(30), null, () -> !allowed(ip));
        post("/v1/decisions/login", Map.of("principal", Map.of("tenant", "acme", "username", "bob", "userId", "id-bob",
                "groups", List.of(), "home", "/bob", "allowedProtocols", List.of(), "allowedCidrs", List.of()),
                "protocol", "sftp", "clientIp", ip, "encrypted", true))
                .statusCode(200).body("allowed", equalTo(false)).body("reason", equalTo("address_banned"));
        assertEquals(1, audit.matching(e -> e.type() == AuditType.POLICY_DENIED && ip.equals(e.clientAddress())
                && "address_banned".equals(e.reason()) && "login".equals(e.data().get("stage"))).size());

        List<Map<String, Object>> bans = given().auth().oauth2(token).when().get("/v1/admin/bans").then()
                .statusCode(200).extract().jsonPath().getList("findAll { it.clientIp == '" + ip + "' }");
        assertEquals(1, bans.size());
        Map<String, Object> ban = bans.get(0);
        assertEquals("bob2", ban.get("username"));
        assertEquals("acme", ban.get("tenant"));
        assertEquals("failed_logins_from_address", ban.get("reason"));
        assertEquals(1, ban.get("offences"));

        given().auth().oauth2(token).when().delete("/v1/admin/bans/" + ip).then().statusCode(204);
        assertEquals(true, allowed(ip), "lifted at once on the replica that answered");
        given().auth().oauth2(token).when().delete("/v1/admin/bans/" + ip).then().statusCode(404)
                .body("reason", equalTo("not_found"));
        given().auth().oauth2(token).when().delete("/v1/admin/bans/not-an-address").then().statusCode(400)
                .body("reason", equalTo("bad_request"));
        assertEquals(1, audit.matching(e -> e.type() == AuditType.ADMIN_CHANGE
                && "ban.lifted".equals(e.data().get("action")) && ip.equals(e.data().get("target"))).size());
    }

    @Test
    void readinessReportsTheDefendersSharedLog() {
        Poll.until("readiness", Duration.ofSeconds(60), null,
                () -> given().when().get("/q/health/ready").then().extract().statusCode() == 200);
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'defender' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'defender' }.data.log", equalTo("KafkaSharedLog"));
    }
}
