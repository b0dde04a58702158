package dev.wharf.identity.grant;

import dev.wharf.api.grant.GrantClaims;
import dev.wharf.api.grant.GrantVerifier;
import dev.wharf.core.audit.AuditType;
import dev.wharf.core.quota.SiteQuota;
import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.RecordingAuditSink;
import dev.wharf.identity.testing.TestGateway;
import dev.wharf.identity.testing.TestTenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only the platform's gateways reach the endpoints that check passwords, keys and host names or renew grants
 * (issue 11, "identity-service is a password oracle"); a login's answer carries a signed grant that the published
 * keys verify, and renewal stops when the user is disabled.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class GatewayEndpointsTest {
    private static String tenant;
    private static String operatorToken;

    @Inject
    RecordingAuditSink audit;

    @BeforeEach
    void ready() {
        TestTenants.keycloakReady();
        operatorToken = KeycloakTestAdmin.operatorToken();
        if (tenant == null) {
            tenant = TestTenants.create("g", operatorToken);
        }
    }

    private static Map<String, Object> login(String user, String password) {
        return Map.of("tenant", tenant, "username", user, "password", password, "clientIp", "192.0.2.1",
                "protocol", "sftp", "sessionId", "session-42");
    }

    @Test
    void strangersOperatorsAndTenantUsersAreRefusedAtEveryGatewayEndpoint() {
        String user = TestTenants.newUser(tenant, operatorToken, Map.of());
        String tenantUserToken = TestTenants.tenantToken(tenant, user, TestTenants.PASSWORD);
        Map<String, Supplier<RequestSpecification>> callers = Map.of(
                "nobody", TestGateway::anonymous,
                "garbage token", () -> TestGateway.anonymous().header("Authorization", "Bearer not.a.token"),
                "platform operator", () -> TestGateway.anonymous().header("Authorization", "Bearer " + operatorToken),
                "tenant user", () -> TestGateway.anonymous().header("Authorization", "Bearer " + tenantUserToken));
        int before = audit.matching(e -> e.type() == AuditType.ACCESS_REFUSED).size();
        for (var c : callers.entrySet()) {
            c.getValue().get().body(login(user, TestTenants.PASSWORD)).post("/v1/authenticate").then()
                    .statusCode(401).body("reason", equalTo("unauthenticated_caller")).body("principal", nullValue());
            c.getValue().get().body(Map.of("tenant", tenant, "username", user, "publicKey", "ssh-ed25519 AAAA",
                    "protocol", "sftp")).post("/v1/authenticate/publickey").then().statusCode(401)
                    .body("reason", equalTo("unauthenticated_caller"));
            c.getValue().get().get("/v1/hostnames/files.example.com").then().statusCode(401)
                    .body("reason", equalTo("unauthenticated_caller"));
            c.getValue().get().body(Map.of("grant", "x.y.z")).post("/v1/grants/renew").then().statusCode(401)
                    .body("reason", equalTo("unauthenticated_caller"));
        }
        var refused = audit.matching(e -> e.type() == AuditType.ACCESS_REFUSED);
        assertEquals(before + 4 * callers.size(), refused.size(), "every refused call is audited");
        var last = refused.get(refused.size() - 1);
        assertEquals("unauthenticated_caller", last.reason());
        assertEquals("identity-service", last.data().get("service"));
        assertTrue(last.clientAddress() != null && !last.clientAddress().isBlank(), "the caller's address is recorded");
    }

    @Test
    void aLoginsGrantIsSignedByAPublishedKeyAndNamesTheSessionTenantAndHome() throws Exception {
        String user = TestTenants.newUser(tenant, operatorToken, Map.of("home", "/teams/a"));
        var answer = TestGateway.given().body(login(user, TestTenants.PASSWORD)).post("/v1/authenticate").then()
                .statusCode(200).body("reason", equalTo("ok")).body("grant", notNullValue())
                .body("grantExpiresAt", notNullValue()).extract();
        TestGateway.given().body(login(user, "wrong")).post("/v1/authenticate").then().statusCode(200)
                .body("reason", not(equalTo("ok"))).body("grant", nullValue());

        String jwks = TestGateway.anonymous().get("/v1/grants/keys").then().statusCode(200)
                .body(not(containsString("\"d\""))).extract().asString();
        GrantVerifier v = new GrantVerifier(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()));
        GrantClaims c = v.verify(answer.path("grant"));
        assertEquals(tenant, c.tenant());
        assertEquals("/teams/a", c.home());
        assertEquals(user, c.username());
        assertEquals("session-42", c.sessionId());
        assertEquals("sftp", c.protocol());
        Duration life = Duration.between(c.issuedAt(), c.expiresAt());
        assertTrue(life.compareTo(Duration.ofMinutes(15)) <= 0, "grants are short-lived: " + life);
    }

    @Test
    void theSitesQuotasTravelInTheGrantAndRenewalsBringTheirChanges() throws Exception {
        String user = TestTenants.newUser(tenant, operatorToken, Map.of());
        TestTenants.admin(operatorToken).body(Map.of("quotaBytes", 1_000_000, "sharedFolderQuotas",
                List.of("docs 4096"))).put("/v1/admin/tenants/" + tenant + "/settings").then().statusCode(200)
                .body("quotaBytes", equalTo(1_000_000));
        try {
            String grant = TestGateway.given().body(login(user, TestTenants.PASSWORD)).post("/v1/authenticate").then()
                    .statusCode(200).body("reason", equalTo("ok")).extract().path("grant");
            GrantVerifier v = new GrantVerifier(new JwksVerificationKeyResolver(new JsonWebKeySet(TestGateway
                    .anonymous().get("/v1/grants/keys").then().statusCode(200).extract().asString()).getJsonWebKeys()));
            SiteQuota site = v.verify(grant).siteQuota();
            assertEquals(1_000_000, site.tenant().bytes());
            assertEquals(4096, site.folders().get("docs").bytes());

            TestTenants.admin(operatorToken).body(Map.of("quotaBytes", -1, "sharedFolderQuotas", List.of()))
                    .put("/v1/admin/tenants/" + tenant + "/settings").then().statusCode(200);
            String renewed = TestGateway.given().body(Map.of("grant", grant)).post("/v1/grants/renew").then()
                    .statusCode(200).extract().path("grant");
            assertTrue(v.verify(renewed).siteQuota().unlimited(), "the renewal reads the site's limits again");
        } finally {
            TestTenants.admin(operatorToken).body(Map.of("quotaBytes", -1, "sharedFolderQuotas", List.of()))
                    .put("/v1/admin/tenants/" + tenant + "/settings").then().statusCode(200);
        }
    }

    @Test
    void renewalGivesAFreshGrantUntilTheUserIsDisabled() throws Exception {
        String user = TestTenants.newUser(tenant, operatorToken, Map.of());
        String grant = TestGateway.given().body(login(user, TestTenants.PASSWORD)).post("/v1/authenticate").then()
                .statusCode(200).body("reason", equalTo("ok")).extract().path("grant");
        String renewed = TestGateway.given().body(Map.of("grant", grant)).post("/v1/grants/renew").then()
                .statusCode(200).body("expiresAt", notNullValue()).extract().path("grant");
        assertNotEquals(grant, renewed);
        TestGateway.given().body(Map.of("grant", grant + "x")).post("/v1/grants/renew").then().statusCode(401)
                .body("reason", equalTo("unauthenticated_caller"));

        TestTenants.admin(operatorToken).body(Map.of("enabled", false))
                .patch("/v1/admin/tenants/" + tenant + "/users/" + user).then().statusCode(200);
        TestGateway.given().body(Map.of("grant", renewed)).post("/v1/grants/renew").then().statusCode(401)
                .body("reason", equalTo("unauthenticated_caller")).body("message", containsString("disabled"));
        assertFalse(audit.matching(e -> e.type() == AuditType.ACCESS_REFUSED
                && "POST /v1/grants/renew".equals(e.data().get("call"))).isEmpty());
    }
}
