package dev.wharf.identity;

import dev.wharf.identity.testing.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.Ready;
import dev.wharf.identity.testing.RecordingAuditSink;
import dev.wharf.launcher.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** identity-service against a real Keycloak: startup before Keycloak, the admin API, logins and their refusals. */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityServiceTest {
    private static final String PASSWORD = "Corr3ct-horse-battery";
    /** One tenant for the whole class (created once): realms are expensive to make. */
    private static String tenant;
    private static String operatorToken;

    @Inject
    RecordingAuditSink audit;

    /**
     * Runs first: the application was started while its Keycloak did not answer. It must be alive, not ready,
     * answer logins and admin calls with 503, and become ready (admin API included) once Keycloak answers.
     */
    @Test
    @Order(1)
    void startsBeforeKeycloakAndBecomesReadyWhenItAnswers() {
        Assumptions.assumeFalse(KeycloakTestResource.keycloakOpen(), "only meaningful as the class's first test");
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'keycloak' }.status", equalTo("DOWN"));
        // a gateway's token cannot be checked either while Keycloak is away: an outage, not a refusal
        given().contentType(ContentType.JSON).header("Authorization", "Bearer some-token")
                .body(Map.of("tenant", "acme", "username", "alice", "password", PASSWORD, "protocol", "sftp"))
                .post("/v1/authenticate").then().statusCode(503).body("reason", equalTo("service_unavailable"));
        given().header("Authorization", "Bearer some-token").get("/v1/admin/tenants").then()
                .statusCode(503).body("reason", equalTo("service_unavailable"));

        KeycloakTestResource.openKeycloak();
        Ready.await(Duration.ofSeconds(90));
        admin(KeycloakTestAdmin.operatorToken()).get("/v1/admin/tenants").then().statusCode(200);
    }

    @BeforeEach
    void tenantReady(TestInfo test) {
        if (!KeycloakTestResource.keycloakOpen()
                && !test.getTestMethod().map(m -> m.getName().startsWith("startsBefore")).orElse(false)) {
            KeycloakTestResource.openKeycloak();
        }
        if (!KeycloakTestResource.keycloakOpen()) {
            return;
        }
        Ready.await(Duration.ofSeconds(90));
        // a fresh token now and then: master tokens live one minute, a slow class can take longer
        operatorToken = KeycloakTestAdmin.operatorToken();
        if (tenant == null) {
            String id = "t" + UUID.randomUUID().toString().substring(0, 8);
            admin().body(Map.of("id", id)).post("/v1/admin/tenants").then().statusCode(201)
                    .body("id", equalTo(id));
            KeycloakTestAdmin.useCheapPasswordHash(id);
            tenant = id;
        }
    }

    private static RequestSpecification admin() {
        return admin(operatorToken);
    }

    private static RequestSpecification admin(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    private static String newUser(Map<String, Object> extra) {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>(extra);
        body.put("username", name);
        body.putIfAbsent("password", PASSWORD);
        admin().body(body).post("/v1/admin/tenants/" + tenant + "/users").then().statusCode(201)
                .body("username", equalTo(name));
        return name;
    }

    private static ValidatableResponse login(String tenant, String user, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("tenant", tenant);
        body.put("username", user);
        body.put("password", password);
        body.put("clientIp", "192.0.2.1");
        body.put("protocol", "sftp");
        return TestGateway.given().body(body).post("/v1/authenticate").then();
    }

    // ------------------------------------------------------------------ tenants

    @Test
    void aNewTenantHasWharfsRealmDefaults() {
        JsonNode realm = KeycloakTestAdmin.get("/admin/realms/" + KeycloakTestAdmin.realmOf(tenant));
        // identity-service throttles per account instead (issue 11)
        assertFalse(realm.path("bruteForceProtected").asBoolean());
        JsonNode check = KeycloakTestAdmin.get("/admin/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/clients?clientId=wharf-password-check");
        assertEquals(1, check.size());
        assertTrue(check.get(0).path("directAccessGrantsEnabled").asBoolean());
        assertFalse(check.get(0).path("fullScopeAllowed").asBoolean());
        String flowId = check.get(0).path("authenticationFlowBindingOverrides").path("direct_grant").asText();
        JsonNode executions = KeycloakTestAdmin.get("/admin/realms/" + KeycloakTestAdmin.realmOf(tenant)
                + "/authentication/flows/wharf-password-only/executions");
        assertEquals(List.of("direct-grant-validate-username:REQUIRED", "direct-grant-validate-password:REQUIRED"),
                java.util.stream.StreamSupport.stream(executions.spliterator(), false)
                        .map(e -> e.path("providerId").asText() + ":" + e.path("requirement").asText()).toList());
        JsonNode flows = KeycloakTestAdmin.get("/admin/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/authentication/flows");
        assertEquals(flowId, java.util.stream.StreamSupport.stream(flows.spliterator(), false)
                .filter(f -> "wharf-password-only".equals(f.path("alias").asText()))
                .findFirst().orElseThrow().path("id").asText());
        assertEquals("totp", realm.path("otpPolicyType").asText());
        assertEquals("HmacSHA1", realm.path("otpPolicyAlgorithm").asText());
        assertEquals(6, realm.path("otpPolicyDigits").asInt());
        assertEquals(30, realm.path("otpPolicyPeriod").asInt());
        assertFalse(realm.path("otpPolicyCodeReusable").asBoolean());
        assertEquals("false", KeycloakTestAdmin.tenantAttributes(tenant).path("wharf.ftp.plainAllowed").asText());
        assertEquals("true", KeycloakTestAdmin.tenantAttributes(tenant).path("wharf.tenant").asText());

        JsonNode client = KeycloakTestAdmin.get("/admin/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/clients?clientId=wharf-gateway").get(0);
        assertTrue(client.path("publicClient").asBoolean());
        assertTrue(client.path("directAccessGrantsEnabled").asBoolean());
        assertFalse(client.path("standardFlowEnabled").asBoolean());

        JsonNode profile = KeycloakTestAdmin.get("/admin/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/users/profile");
        assertEquals("ADMIN_EDIT", profile.path("unmanagedAttributePolicy").asText());
        for (JsonNode a : profile.path("attributes")) {
            if (a.path("name").asText().startsWith("wharf.")) {
                assertEquals("[\"admin\"]", a.path("permissions").path("view").toString(), a.toString());
                assertEquals("[\"admin\"]", a.path("permissions").path("edit").toString(), a.toString());
            }
        }
    }

    @Test
    void tenantsAreListedOnceAndNotTwice() {
        admin().get("/v1/admin/tenants?limit=1000").then().statusCode(200)
                .body("items.id", hasItem(tenant)).body("items.id", not(hasItem("master")));
        admin().get("/v1/admin/tenants?limit=0").then().statusCode(400).body("reason", equalTo("bad_request"));
        admin().body(Map.of("id", tenant)).post("/v1/admin/tenants").then().statusCode(409)
                .body("reason", equalTo("already_exists"));
    }

    @Test
    void aDeletedTenantIsGone() {
        String id = "d" + UUID.randomUUID().toString().substring(0, 8);
        admin().body(Map.of("id", id)).post("/v1/admin/tenants").then().statusCode(201);
        admin().delete("/v1/admin/tenants/" + id).then().statusCode(204);
        admin().get("/v1/admin/tenants?limit=1000").then().statusCode(200).body("items.id", not(hasItem(id)));
        admin().delete("/v1/admin/tenants/" + id).then().statusCode(404).body("reason", equalTo("unknown_tenant"));
        login(id, "anyone", PASSWORD).statusCode(200).body("reason", equalTo("unknown_tenant"));
        List<AuditEvent> deleted = audit.matching(e -> e.type() == AuditType.ADMIN_CHANGE && id.equals(e.tenant())
                && "tenant.deleted".equals(e.data().get("action")));
        assertEquals(1, deleted.size());
    }

    @Test
    void theAdminRealmIsNeverATenant() {
        admin().delete("/v1/admin/tenants/master").then().statusCode(404).body("reason", equalTo("unknown_tenant"));
        admin().body(Map.of("id", "master")).post("/v1/admin/tenants").then().statusCode(400)
                .body("reason", equalTo("bad_request"));
        KeycloakServer kc = KeycloakTestAdmin.keycloak();
        login("master", kc.adminUser(), kc.adminPassword()).statusCode(200).body("reason", equalTo("unknown_tenant"));
    }

    // ------------------------------------------------------------------ users and logins

    @Test
    void aUserLogsInAndGetsTheirPrincipal() {
        String user = newUser(Map.of("home", "/shared/in", "allowedProtocols", List.of("sftp", "FTPS"),
                "allowedCidrs", List.of("192.0.2.0/24", "2001:db8::/32")));
        KeycloakTestAdmin.addToNewGroup(tenant, user, "g-" + user);
        login(tenant, user, PASSWORD).statusCode(200)
                .body("reason", equalTo("ok"))
                .body("principal.tenant", equalTo(tenant))
                .body("principal.username", equalTo(user))
                .body("principal.userId", equalTo(KeycloakTestAdmin.userId(tenant, user)))
                .body("principal.home", equalTo("/shared/in"))
                .body("principal.groups", equalTo(List.of("g-" + user)))
                .body("principal.allowedProtocols", equalTo(List.of("sftp", "ftps")))
                .body("principal.allowedCidrs", equalTo(List.of("192.0.2.0/24", "2001:db8::/32")));
    }

    @Test
    void aPlainUserGetsDefaultsAndNoRestrictions() {
        String user = newUser(Map.of());
        login(tenant, user, PASSWORD).statusCode(200)
                .body("reason", equalTo("ok"))
                .body("principal.home", equalTo("/" + user))
                .body("principal.groups", equalTo(List.of()))
                .body("principal.allowedProtocols", equalTo(List.of()))
                .body("principal.allowedCidrs", equalTo(List.of()));
    }

    @Test
    void aGeneratedPasswordIsAnsweredOnceAndWorks() {
        String name = "gen" + UUID.randomUUID().toString().substring(0, 6);
        String password = admin().body(Map.of("username", name)).post("/v1/admin/tenants/" + tenant + "/users")
                .then().statusCode(201).body("password", notNullValue()).extract().path("password");
        assertTrue(password.length() >= 20, password.length() + " characters");
        login(tenant, name, password).statusCode(200).body("reason", equalTo("ok"));
        admin().get("/v1/admin/tenants/" + tenant + "/users").then().statusCode(200)
                .body("find { it.username == '" + name + "' }.home", equalTo("/" + name))
                .body("find { it.username == '" + name + "' }.enabled", equalTo(true))
                .body("find { it.username == '" + name + "' }.password", nullValue());
    }

    @Test
    void aGivenPasswordIsNotEchoed() {
        String name = "own" + UUID.randomUUID().toString().substring(0, 6);
        admin().body(Map.of("username", name, "password", PASSWORD)).post("/v1/admin/tenants/" + tenant + "/users")
                .then().statusCode(201).body("password", nullValue());
        admin().body(Map.of("username", name, "password", PASSWORD)).post("/v1/admin/tenants/" + tenant + "/users")
                .then().statusCode(409).body("reason", equalTo("already_exists"));
    }

    @Test
    void userNamesAreStoredInLowerCase() {
        String name = "MiXed" + UUID.randomUUID().toString().substring(0, 6);
        admin().body(Map.of("username", name, "password", PASSWORD)).post("/v1/admin/tenants/" + tenant + "/users")
                .then().statusCode(201).body("username", equalTo(name.toLowerCase(Locale.ROOT)));
        login(tenant, name, PASSWORD).statusCode(200).body("principal.username",
                equalTo(name.toLowerCase(Locale.ROOT)));
    }

    @Test
    void aWrongPasswordIsBadCredentials() {
        String user = newUser(Map.of());
        login(tenant, user, "wrong-password").statusCode(200)
                .body("reason", equalTo("bad_credentials")).body("principal", nullValue());
        login(tenant, "nobody-" + user, PASSWORD).statusCode(200).body("reason", equalTo("bad_credentials"));
        login(tenant, user, "").statusCode(200).body("reason", equalTo("bad_credentials"));
    }

    @Test
    void anOperatorSetsAPasswordAndOnlyTheNewOneWorks() {
        String user = newUser(Map.of());
        String path = "/v1/admin/tenants/" + tenant + "/users/" + user + "/password";
        admin().body(Map.of("password", "Another-Secret-42")).put(path).then().statusCode(204);
        login(tenant, user, "Another-Secret-42").statusCode(200).body("reason", equalTo("ok"));
        login(tenant, user, PASSWORD).statusCode(200).body("reason", equalTo("bad_credentials"));
        assertEquals(1, audit.matching(e -> e.type() == AuditType.ADMIN_CHANGE && user.equals(e.data().get("target"))
                && "user.password_set".equals(e.data().get("action"))).size());

        admin().body(Map.of("password", "short")).put(path).then().statusCode(400).body("reason", equalTo("bad_request"));
        admin().body(Map.of("password", "Another-Secret-42"))
                .put("/v1/admin/tenants/" + tenant + "/users/nobody-" + user + "/password").then().statusCode(404)
                .body("reason", equalTo("not_found"));
    }

    @Test
    void aDisabledUserIsAccountDisabled() {
        String user = newUser(Map.of("enabled", false));
        login(tenant, user, PASSWORD).statusCode(200).body("reason", equalTo("account_disabled"));
        // the wrong password must not reveal that the account exists and is disabled
        login(tenant, user, "wrong-password").statusCode(200).body("reason", equalTo("bad_credentials"));
    }

    @Test
    void aUserWhoMustChangeTheirPasswordIsToldSo() {
        String user = newUser(Map.of("mustChangePassword", true));
        login(tenant, user, PASSWORD).statusCode(200).body("reason", equalTo("password_change_required"));
    }

    @Test
    void keycloakNeverLocksAUserOut() {
        String user = newUser(Map.of());
        login(tenant, user, PASSWORD).statusCode(200).body("reason", equalTo("ok"));
        for (int i = 0; i < 12; i++) {
            login(tenant, user, "wrong-" + i).statusCode(200).body("reason", equalTo("bad_credentials"));
        }
        JsonNode status = KeycloakTestAdmin.get("/admin/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/attack-detection/brute-force/users/"
                + KeycloakTestAdmin.userId(tenant, user));
        assertFalse(status.path("disabled").asBoolean(), "Keycloak did not lock the user: " + status);
        // from the address the user logged in from, the right password still works (AccountThrottlingTest)
        login(tenant, user, PASSWORD).statusCode(200).body("reason", equalTo("ok"));
    }

    @Test
    void anUnknownTenantIsUnknownTenant() {
        login("nosuch" + UUID.randomUUID().toString().substring(0, 6), "alice", PASSWORD).statusCode(200)
                .body("reason", equalTo("unknown_tenant"));
        login("Not_A_Label", "alice", PASSWORD).statusCode(200).body("reason", equalTo("unknown_tenant"));
        login("a/../master", "alice", PASSWORD).statusCode(200).body("reason", equalTo("unknown_tenant"));
    }

    @Test
    void aRealmThatIsNotATenantIsUnknownTenant() {
        String other = "other" + UUID.randomUUID().toString().substring(0, 6);
        KeycloakTestAdmin.call("POST", "/admin/realms", Map.of("realm", other, "enabled", true), 201);
        login(other, "alice", PASSWORD).statusCode(200).body("reason", equalTo("unknown_tenant"));
        admin().get("/v1/admin/tenants?limit=1000").then().statusCode(200)
                .body("items.id", not(hasItem(other)));
        admin().get("/v1/admin/tenants/" + other + "/users").then().statusCode(404)
                .body("reason", equalTo("unknown_tenant"));
    }

    // ------------------------------------------------------------------ admin API protection and input

    @Test
    void theAdminApiNeedsAnAdminToken() {
        given().get("/v1/admin/tenants").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token").get("/v1/admin/tenants").then().statusCode(401);

        String name = "op" + UUID.randomUUID().toString().substring(0, 6);
        KeycloakTestAdmin.call("POST", "/admin/realms/master/users", Map.of("username", name, "enabled", true,
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))), 201);
        String plain = KeycloakTestAdmin.operatorToken(name, PASSWORD);
        given().header("Authorization", "Bearer " + plain).get("/v1/admin/tenants").then().statusCode(403);
        given().header("Authorization", "Bearer " + plain).contentType(ContentType.JSON)
                .body(Map.of("id", "x" + name)).post("/v1/admin/tenants").then().statusCode(403);
    }

    @Test
    void theLoginEndpointNeedsNoToken() {
        login(tenant, "nobody", PASSWORD).statusCode(200);
    }

    @Test
    void badAdminInputIsA400WithAReason() {
        admin().body(Map.of("id", "Bad Name")).post("/v1/admin/tenants").then().statusCode(400)
                .body("reason", equalTo("bad_request")).body("message", containsString("DNS label"));
        admin().body(Map.of()).post("/v1/admin/tenants").then().statusCode(400).body("reason", equalTo("bad_request"));
        admin().body("{not json").post("/v1/admin/tenants").then().statusCode(400)
                .body("reason", equalTo("bad_request"));

        String users = "/v1/admin/tenants/" + tenant + "/users";
        admin().body(Map.of("username", "has space")).post(users).then().statusCode(400)
                .body("reason", equalTo("bad_request")).body("message", containsString("username"));
        admin().body(Map.of("username", "alice@acme")).post(users).then().statusCode(400);
        admin().body(Map.of("password", PASSWORD)).post(users).then().statusCode(400);
        admin().body(Map.of("username", "h1", "home", "/a/../b")).post(users).then().statusCode(400)
                .body("message", containsString("home"));
        admin().body(Map.of("username", "h2", "home", "relative")).post(users).then().statusCode(400);
        admin().body(Map.of("username", "p1", "password", "short")).post(users).then().statusCode(400)
                .body("message", containsString("password"));
        admin().body(Map.of("username", "p2", "allowedProtocols", List.of("gopher"))).post(users).then()
                .statusCode(400).body("message", containsString("gopher"));
        admin().body(Map.of("username", "c1", "allowedCidrs", List.of("10.1"))).post(users).then().statusCode(400)
                .body("message", containsString("10.1"));
        admin().body(Map.of("username", "c2", "allowedCidrs", List.of("example.com"))).post(users).then()
                .statusCode(400);
        admin().body(Map.of("username", "u1")).post("/v1/admin/tenants/nosuchtenant/users").then().statusCode(404)
                .body("reason", equalTo("unknown_tenant"));
    }

    @Test
    void badLoginInputIsA400() {
        TestGateway.given().body(Map.of("username", "a", "password", "b", "protocol", "sftp"))
                .post("/v1/authenticate").then().statusCode(400).body("reason", equalTo("bad_request"));
        TestGateway.given().body(Map.of("tenant", tenant, "username", "a", "password", "b",
                "protocol", "gopher")).post("/v1/authenticate").then().statusCode(400)
                .body("reason", equalTo("bad_request"));
        TestGateway.given().body("[").post("/v1/authenticate").then().statusCode(400)
                .body("reason", equalTo("bad_request"));
    }

    // ------------------------------------------------------------------ audit, metrics, health

    @Test
    void adminChangesAreAudited() {
        String user = newUser(Map.of());
        List<AuditEvent> created = audit.matching(e -> e.type() == AuditType.ADMIN_CHANGE
                && tenant.equals(e.tenant()) && user.equals(e.data().get("target")));
        assertEquals(1, created.size());
        assertEquals("user.created", created.get(0).data().get("action"));
        assertEquals(KeycloakTestAdmin.keycloak().adminUser(), created.get(0).data().get("actor"));
        assertEquals("/identity-service", created.get(0).source());
        assertEquals(1, audit.matching(e -> e.type() == AuditType.ADMIN_CHANGE && tenant.equals(e.tenant())
                && "tenant.created".equals(e.data().get("action"))).size());
    }

    @Test
    void authenticationsAreCountedByReason() {
        String user = newUser(Map.of());
        login(tenant, user, PASSWORD).statusCode(200);
        login(tenant, user, "wrong-password").statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("wharf_identity_authentications_total")
                && l.contains("reason=\"ok\"")), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("wharf_identity_authentications_total")
                && l.contains("reason=\"bad_credentials\"")), metrics);
    }

    @Test
    void readinessReportsKeycloak() {
        given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'keycloak' }.status",
                equalTo("UP"));
    }
}
