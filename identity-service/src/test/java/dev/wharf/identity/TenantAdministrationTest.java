package dev.wharf.identity;

import dev.wharf.core.tenant.AdminRole;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.RecordingAuditSink;
import dev.wharf.identity.testing.TestTenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenant administrators and the tenant-level admin API against a real Keycloak: who may call what (operator,
 * tenant administrator, plain user, foreign tenant), tenant show and enable/disable, the full site settings.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class TenantAdministrationTest {
    private static final String PASSWORD = TestTenants.PASSWORD;
    private static String operatorToken;
    /** Tenant a, with administrator {@link #boss}; tenant b, which a's administrator must not reach. */
    private static String a;
    private static String b;
    private static String boss;
    private static String bossToken;

    @Inject
    RecordingAuditSink audit;

    @BeforeEach
    void tenantsReady() {
        TestTenants.keycloakReady();
        // a fresh token now and then: master tokens live one minute, a slow class can take longer
        operatorToken = KeycloakTestAdmin.operatorToken();
        if (a == null) {
            a = TestTenants.create("a", operatorToken);
            b = TestTenants.create("b", operatorToken);
            boss = TestTenants.newUser(a, operatorToken, Map.of());
            operator().put("/v1/admin/tenants/" + a + "/admins/" + boss).then().statusCode(204);
            bossToken = TestTenants.tenantToken(a, boss, PASSWORD);
        }
    }

    private static RequestSpecification operator() {
        return TestTenants.admin(operatorToken);
    }

    private static RequestSpecification as(String token) {
        return TestTenants.admin(token);
    }

    // ------------------------------------------------------------------ who may do what

    @Test
    void aNewTenantHasTheAdminClientAndTheTenantAdminRole() {
        JsonNode client = KeycloakTestAdmin.get("/admin/realms/" + KeycloakTestAdmin.realmOf(b) + "/clients?clientId=wharf-admin").get(0);
        assertTrue(client.path("publicClient").asBoolean());
        assertTrue(client.path("directAccessGrantsEnabled").asBoolean());
        assertEquals("false", client.path("attributes").path("client.use.lightweight.access.token.enabled").asText());
        KeycloakTestAdmin.get("/admin/realms/" + KeycloakTestAdmin.realmOf(b) + "/roles/wharf-tenant-admin");
    }

    @Test
    void aTenantAdministratorManagesItsOwnUsers() {
        String users = "/v1/admin/tenants/" + a + "/users";
        String name = "staff" + System.nanoTime() % 100000;
        as(bossToken).body(Map.of("username", name)).post(users).then().statusCode(201)
                .body("username", equalTo(name));
        as(bossToken).get(users).then().statusCode(200).body("username", hasItem(name));
        as(bossToken).body(Map.of("enabled", false)).patch(users + "/" + name).then().statusCode(200)
                .body("enabled", equalTo(false));
        as(bossToken).get("/v1/admin/tenants/" + a).then().statusCode(200).body("id", equalTo(a));
        as(bossToken).body(Map.of("otpGraceSeconds", 30)).put("/v1/admin/tenants/" + a + "/settings").then()
                .statusCode(200).body("otpGraceSeconds", equalTo(30));
        as(bossToken).get("/v1/admin/tenants/" + a + "/admins").then().statusCode(200).body("$", hasItem(boss));

        List<AuditEvent> created = audit.matching(e -> e.type() == AuditType.ADMIN_CHANGE && a.equals(e.tenant())
                && name.equals(e.data().get("target")) && "user.created".equals(e.data().get("action")));
        assertEquals(1, created.size());
        assertEquals(boss + "@" + a, created.get(0).data().get("actor"));
        assertEquals(1, audit.matching(e -> a.equals(e.tenant()) && name.equals(e.data().get("target"))
                && "user.updated".equals(e.data().get("action"))).size());
    }

    @Test
    void aTenantAdministratorCannotReadOrChangeAnotherTenant() {
        String victim = TestTenants.newUser(b, operatorToken, Map.of());
        String other = "/v1/admin/tenants/" + b;
        List<Runnable> calls = List.of(
                () -> as(bossToken).get(other).then().statusCode(403).body("reason", equalTo("permission_denied")),
                () -> as(bossToken).get(other + "/settings").then().statusCode(403),
                () -> as(bossToken).body(Map.of("otpGraceSeconds", 5)).put(other + "/settings").then().statusCode(403),
                () -> as(bossToken).get(other + "/users").then().statusCode(403),
                () -> as(bossToken).body(Map.of("username", "intruder")).post(other + "/users").then().statusCode(403),
                () -> as(bossToken).get(other + "/users/" + victim).then().statusCode(403),
                () -> as(bossToken).body(Map.of("enabled", false)).patch(other + "/users/" + victim).then()
                        .statusCode(403),
                () -> as(bossToken).delete(other + "/users/" + victim).then().statusCode(403),
                () -> as(bossToken).body(Map.of("password", PASSWORD + "x")).put(other + "/users/" + victim
                        + "/password").then().statusCode(403),
                () -> as(bossToken).get(other + "/users/" + victim + "/sharing?protocol=sftp").then().statusCode(403),
                () -> as(bossToken).post(other + "/users/" + victim + "/otp").then().statusCode(403),
                () -> as(bossToken).get(other + "/users/" + victim + "/apikeys").then().statusCode(403),
                () -> as(bossToken).body(Map.of("name", "k")).post(other + "/users/" + victim + "/apikeys").then()
                        .statusCode(403),
                () -> as(bossToken).get(other + "/users/" + victim + "/sshkeys").then().statusCode(403),
                () -> as(bossToken).get(other + "/groups").then().statusCode(403),
                () -> as(bossToken).body(Map.of("name", "g")).post(other + "/groups").then().statusCode(403),
                () -> as(bossToken).put(other + "/groups/g/members/" + victim).then().statusCode(403),
                () -> as(bossToken).get(other + "/admins").then().statusCode(403),
                () -> as(bossToken).put(other + "/admins/" + victim).then().statusCode(403),
                // a tenant that does not exist is not revealed as such either
                () -> as(bossToken).get("/v1/admin/tenants/nosuch" + a + "/users").then().statusCode(403)
                        .body("reason", equalTo("permission_denied")));
        calls.forEach(Runnable::run);
        // nothing changed in b
        operator().get(other + "/users/" + victim).then().statusCode(200).body("enabled", equalTo(true));
        operator().get(other + "/admins").then().statusCode(200).body("$", empty());
        operator().get(other + "/groups").then().statusCode(200).body("$", empty());
    }

    @Test
    void aUserSignedInToThePortalManagesOnlyTheirOwnKeysAndSharing() {
        String me = TestTenants.newUser(a, operatorToken, Map.of());
        String neighbour = TestTenants.newUser(a, operatorToken, Map.of());
        String stranger = TestTenants.newUser(b, operatorToken, Map.of());
        String token = portalToken(a, me);
        String mine = "/v1/admin/tenants/" + a + "/users/" + me;

        String keyId = as(token).body(Map.of("name", "laptop-" + me)).post(mine + "/apikeys").then().statusCode(201)
                .body("secret", not(empty())).extract().path("id");
        as(token).get(mine + "/apikeys").then().statusCode(200).body("id", contains(keyId));
        as(token).delete(mine + "/apikeys/" + keyId).then().statusCode(204);
        as(token).get(mine + "/sharing?protocol=sftp").then().statusCode(200).body("protocol", equalTo("sftp"));
        as(token).get(mine + "/sshkeys").then().statusCode(200).body("$", empty());
        assertEquals(me + "@" + a, audit.matching(e -> a.equals(e.tenant()) && me.equals(e.data().get("target"))
                && "user.apikey_created".equals(e.data().get("action"))).get(0).data().get("actor"));

        // another user of the same tenant, a user of another tenant, and everything an administrator does: refused
        String theirs = "/v1/admin/tenants/" + a + "/users/" + neighbour;
        String foreign = "/v1/admin/tenants/" + b + "/users/" + stranger;
        for (String other : List.of(theirs, foreign)) {
            as(token).get(other + "/apikeys").then().statusCode(403).body("reason", equalTo("permission_denied"));
            as(token).body(Map.of("name", "k" + me)).post(other + "/apikeys").then().statusCode(403);
            as(token).get(other + "/sshkeys").then().statusCode(403);
            as(token).get(other + "/sharing?protocol=sftp").then().statusCode(403);
        }
        as(token).get(mine).then().statusCode(403);
        as(token).body(Map.of("enabled", false)).patch(mine).then().statusCode(403);
        as(token).get("/v1/admin/tenants/" + a + "/users").then().statusCode(403);
        operator().get(theirs).then().statusCode(200).body("apiKeys", equalTo(0));
    }

    /**
     * gateway-web's administrators' pages call with the administrator's portal sign-in (client {@code wharf-web}):
     * its token carries the tenant-admin role, and the same tenant rule applies as to an admin-API token.
     */
    @Test
    void aTenantAdministratorsPortalTokenManagesOnlyItsTenant() {
        String token = portalToken(a, boss);
        String users = "/v1/admin/tenants/" + a + "/users";
        String name = "webmade" + System.nanoTime() % 100000;
        as(token).body(Map.of("username", name)).post(users).then().statusCode(201).body("password", not(empty()));
        as(token).get(users).then().statusCode(200).body("username", hasItem(name));
        as(token).get(users + "/" + name + "/sharing?protocol=sftp").then().statusCode(200);
        as(token).get("/v1/admin/tenants/" + a + "/connections").then().statusCode(200)
                .body("protocol", hasItem("sftp")).body("username", hasItem(containsString("<user>@" + a)));
        as(token).get("/v1/admin/tenants/" + a + "/settings").then().statusCode(200);
        assertEquals(boss + "@" + a, audit.matching(e -> a.equals(e.tenant()) && name.equals(e.data().get("target"))
                && "user.created".equals(e.data().get("action"))).get(0).data().get("actor"));

        String victim = TestTenants.newUser(b, operatorToken, Map.of());
        as(token).get("/v1/admin/tenants/" + b + "/users").then().statusCode(403)
                .body("reason", equalTo("permission_denied"));
        as(token).get("/v1/admin/tenants/" + b + "/users/" + victim + "/sharing?protocol=sftp").then().statusCode(403);
        as(token).get("/v1/admin/tenants/" + b + "/connections").then().statusCode(403);
        as(token).get("/v1/admin/tenants").then().statusCode(403);
    }

    /**
     * A token of the portal's client, as gateway-web holds it (in the organizations model: of the shared realm, for
     * {@code <tenant>.<user>}, naming the tenant as its organization); the password grant is enabled for this test
     * only.
     */
    private static String portalToken(String tenant, String user) {
        String realm = KeycloakTestAdmin.realmOf(tenant);
        JsonNode client = KeycloakTestAdmin.get("/admin/realms/" + realm + "/clients?clientId=wharf-web").get(0);
        if (!client.path("directAccessGrantsEnabled").asBoolean()) {
            KeycloakTestAdmin.call("PUT", "/admin/realms/" + realm + "/clients/" + client.path("id").asText(),
                    Map.of("clientId", "wharf-web", "directAccessGrantsEnabled", true), 204);
        }
        return dev.wharf.launcher.KeycloakServer.token(KeycloakTestResource.serviceUrl(), realm, "wharf-web",
                KeycloakTestAdmin.keycloakUser(tenant, user), PASSWORD);
    }

    @Test
    void onlyOperatorsCreateListEnableAndDeleteTenants() {
        as(bossToken).get("/v1/admin/tenants").then().statusCode(403).body("reason", equalTo("permission_denied"));
        as(bossToken).body(Map.of("id", "x" + a)).post("/v1/admin/tenants").then().statusCode(403);
        as(bossToken).body(Map.of("enabled", false)).patch("/v1/admin/tenants/" + a).then().statusCode(403);
        as(bossToken).delete("/v1/admin/tenants/" + a).then().statusCode(403);
        operator().get("/v1/admin/tenants/" + a).then().statusCode(200).body("enabled", equalTo(true));
    }

    @Test
    void aUserWithoutTheRoleAndATamperedTokenAreRefused() {
        String plain = TestTenants.newUser(a, operatorToken, Map.of());
        String token = TestTenants.tenantToken(a, plain, PASSWORD);
        as(token).get("/v1/admin/tenants/" + a + "/users").then().statusCode(403)
                .body("reason", equalTo("permission_denied"));

        // the plain user's token (no roles in it: the client's scope is the one role) with the role written into
        // it: the signature no longer matches
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"typ\":\"Bearer\",",
                        "\"typ\":\"Bearer\",\"realm_access\":{\"roles\":[\"wharf-tenant-admin\"]},");
        assertTrue(payload.contains("wharf-tenant-admin"), payload);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        as(forged).get("/v1/admin/tenants/" + a + "/users").then().statusCode(401);
        given().get("/v1/admin/tenants/" + a + "/users").then().statusCode(401);
    }

    @Test
    void aRevokedAdministratorIsRefusedWithItsNextToken() {
        String deputy = TestTenants.newUser(a, operatorToken, Map.of());
        as(bossToken).put("/v1/admin/tenants/" + a + "/admins/" + deputy).then().statusCode(204);
        as(bossToken).put("/v1/admin/tenants/" + a + "/admins/" + deputy).then().statusCode(204);
        operator().get("/v1/admin/tenants/" + a + "/admins").then().statusCode(200).body("$", hasItem(deputy));
        as(TestTenants.tenantToken(a, deputy, PASSWORD)).get("/v1/admin/tenants/" + a + "/users").then()
                .statusCode(200);

        operator().delete("/v1/admin/tenants/" + a + "/admins/" + deputy).then().statusCode(204);
        operator().get("/v1/admin/tenants/" + a + "/admins").then().statusCode(200).body("$", not(hasItem(deputy)));
        as(TestTenants.tenantToken(a, deputy, PASSWORD)).get("/v1/admin/tenants/" + a + "/users").then()
                .statusCode(403);
        assertEquals(1, audit.matching(e -> a.equals(e.tenant()) && deputy.equals(e.data().get("target"))
                && "admin.revoked".equals(e.data().get("action"))).size());
        operator().put("/v1/admin/tenants/" + a + "/admins/nobody-" + deputy).then().statusCode(404)
                .body("reason", equalTo("not_found"));
    }

    @Test
    void aTenantAdministratorCannotDeleteDisableOrDemoteThemself() {
        String base = "/v1/admin/tenants/" + a;
        as(bossToken).delete(base + "/users/" + boss).then().statusCode(403)
                .body("reason", equalTo("permission_denied"));
        as(bossToken).delete(base + "/admins/" + boss.toUpperCase(java.util.Locale.ROOT)).then().statusCode(403);
        as(bossToken).contentType(ContentType.JSON).body("{\"enabled\":false}").patch(base + "/users/" + boss)
                .then().statusCode(403);
        operator().get(base + "/admins").then().statusCode(200).body("$", hasItem(boss));
        operator().get(base + "/users/" + boss).then().statusCode(200).body("enabled", equalTo(true));
        // their other settings stay theirs to change, and another administrator may do all three
        as(bossToken).contentType(ContentType.JSON).body("{\"enabled\":true}").patch(base + "/users/" + boss)
                .then().statusCode(200);
        String deputy = TestTenants.newUser(a, operatorToken, Map.of());
        as(bossToken).put(base + "/admins/" + deputy).then().statusCode(204);
        as(bossToken).delete(base + "/admins/" + deputy).then().statusCode(204);
        as(bossToken).contentType(ContentType.JSON).body("{\"enabled\":false}").patch(base + "/users/" + deputy)
                .then().statusCode(200);
        as(bossToken).delete(base + "/users/" + deputy).then().statusCode(204);
        operator().get(base + "/users/" + deputy).then().statusCode(404);
    }

    @Test
    void aTenantMadeBeforeTenantAdministratorsGetsClientAndRoleOnTheFirstGrant() {
        // a realm-model upgrade path: the shared realm of the organizations model has both from its start
        org.junit.jupiter.api.Assumptions.assumeFalse(KeycloakTestAdmin.organizations());
        String old = TestTenants.create("o", operatorToken);
        String clientId = KeycloakTestAdmin.get("/admin/realms/" + old + "/clients?clientId=wharf-admin").get(0)
                .path("id").asText();
        KeycloakTestAdmin.call("DELETE", "/admin/realms/" + old + "/clients/" + clientId, null, 204);
        KeycloakTestAdmin.call("DELETE", "/admin/realms/" + old + "/roles/wharf-tenant-admin", null, 204);
        String user = TestTenants.newUser(old, operatorToken, Map.of());
        operator().get("/v1/admin/tenants/" + old + "/admins").then().statusCode(200).body("$", empty());

        operator().put("/v1/admin/tenants/" + old + "/admins/" + user).then().statusCode(204);
        as(TestTenants.tenantToken(old, user, PASSWORD)).get("/v1/admin/tenants/" + old + "/users").then()
                .statusCode(200).body("username", hasItem(user));
        operator().delete("/v1/admin/tenants/" + old).then().statusCode(204);
    }

    // ------------------------------------------------------------------ tenants

    @Test
    void aTenantIsShownWithItsPortalAndHostNames() {
        operator().get("/v1/admin/tenants/" + b).then().statusCode(200)
                .body("id", equalTo(b))
                .body("enabled", equalTo(true))
                .body("portalUrl", equalTo(KeycloakTestResource.serviceUrl() + "/realms/" + KeycloakTestAdmin.realmOf(b) + "/account"))
                .body("hostnames", contains(b + ".localhost"))
                .body("settings.plainFtpAllowed", equalTo(false));
        operator().get("/v1/admin/tenants/nosuch" + b).then().statusCode(404)
                .body("reason", equalTo("unknown_tenant"));
    }

    @Test
    void aDisabledTenantRefusesLoginsUntilEnabledAgain() {
        String t = TestTenants.create("d", operatorToken);
        String user = TestTenants.newUser(t, operatorToken, Map.of());
        TestTenants.login(t, user, PASSWORD).body("reason", equalTo("ok"));
        operator().body(Map.of("enabled", false)).patch("/v1/admin/tenants/" + t).then().statusCode(200)
                .body("enabled", equalTo(false));
        // the cached password check of the first login goes with the change
        TestTenants.login(t, user, PASSWORD).body("reason", equalTo("tenant_disabled"));
        TestTenants.login(t, user, "wrong-password").body("reason", equalTo("tenant_disabled"));
        operator().body(Map.of("enabled", true)).patch("/v1/admin/tenants/" + t).then().statusCode(200)
                .body("enabled", equalTo(true));
        TestTenants.login(t, user, PASSWORD).body("reason", equalTo("ok"));
        assertEquals(2, audit.matching(e -> t.equals(e.tenant())
                && "tenant.updated".equals(e.data().get("action"))).size());
        operator().body("[]").patch("/v1/admin/tenants/" + t).then().statusCode(400);
        operator().delete("/v1/admin/tenants/" + t).then().statusCode(204);
    }

    @Test
    void siteSettingsAreWrittenAsTheRealmAttributesPolicyServiceReads() {
        String settings = "/v1/admin/tenants/" + b + "/settings";
        operator().body(Map.of("plainFtpAllowed", true, "protocolsPerGroup", true,
                        "allowedCidrs", List.of("203.0.113.0/24", "2001:db8::/32"),
                        "allowedCountries", List.of("gb", "IE"), "deniedCountries", List.of("KP"),
                        "hostnames", List.of("Files.Example.com", "ftp.example.org"), "otpGraceSeconds", 120))
                .put(settings).then().statusCode(200)
                .body("plainFtpAllowed", equalTo(true))
                .body("allowedCountries", contains("GB", "IE"))
                .body("hostnames", contains("files.example.com", "ftp.example.org"));
        JsonNode attrs = KeycloakTestAdmin.tenantAttributes(b);
        assertEquals("true", attrs.path("wharf.ftp.plainAllowed").asText());
        assertEquals("true", attrs.path("wharf.protocols.perGroup").asText());
        assertEquals("203.0.113.0/24,2001:db8::/32", attrs.path("wharf.site.allowedCidrs").asText());
        assertEquals("GB,IE", attrs.path("wharf.site.allowedCountries").asText());
        assertEquals("KP", attrs.path("wharf.site.deniedCountries").asText());
        assertEquals("files.example.com,ftp.example.org", attrs.path("wharf.site.hostnames").asText());
        assertEquals("120", attrs.path("wharf.otp.graceSeconds").asText());
        assertEquals("true", attrs.path("wharf.tenant").asText());
        operator().get("/v1/admin/tenants/" + b).then().statusCode(200)
                .body("hostnames", contains(b + ".localhost", "files.example.com", "ftp.example.org"));

        // bad input names the field and changes nothing
        operator().body(Map.of("allowedCidrs", List.of("10.1"), "plainFtpAllowed", false)).put(settings).then()
                .statusCode(400).body("reason", equalTo("bad_request")).body("message", containsString("allowedCidrs"));
        operator().body(Map.of("allowedCountries", List.of("XX"))).put(settings).then().statusCode(400)
                .body("message", containsString("allowedCountries"));
        operator().body(Map.of("deniedCountries", List.of("GBR"))).put(settings).then().statusCode(400)
                .body("message", containsString("deniedCountries"));
        operator().body(Map.of("hostnames", List.of("not a host"))).put(settings).then().statusCode(400)
                .body("message", containsString("hostnames"));
        operator().body(Map.of("hostnames", List.of("localhost"))).put(settings).then().statusCode(400);
        operator().body(Map.of("otpGraceSeconds", 86_401)).put(settings).then().statusCode(400)
                .body("message", containsString("otpGraceSeconds"));
        operator().body(Map.of("plainFtpAllowed", "maybe")).put(settings).then().statusCode(400);
        operator().get(settings).then().statusCode(200).body("plainFtpAllowed", equalTo(true))
                .body("allowedCidrs", contains("203.0.113.0/24", "2001:db8::/32"));

        // [] clears a list (the attribute goes: no rule); left-out fields keep their value
        operator().body(Map.of("allowedCidrs", List.of(), "hostnames", List.of())).put(settings).then()
                .statusCode(200).body("allowedCidrs", empty()).body("deniedCountries", contains("KP"));
        attrs = KeycloakTestAdmin.tenantAttributes(b);
        assertFalse(attrs.has("wharf.site.allowedCidrs"));
        assertFalse(attrs.has("wharf.site.hostnames"));
        operator().body(Map.of("plainFtpAllowed", false, "protocolsPerGroup", false, "allowedCountries", List.of(),
                "deniedCountries", List.of(), "otpGraceSeconds", 0)).put(settings).then().statusCode(200);
    }

    @Test
    void theOpenApiDocumentDescribesTheAdminApi() {
        given().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/v1/admin/tenants/{tenant}/groups"))
                .body(containsString("/v1/admin/tenants/{tenant}/users/{username}/sharing"))
                .body(containsString("/v1/authenticate"));
    }
}
