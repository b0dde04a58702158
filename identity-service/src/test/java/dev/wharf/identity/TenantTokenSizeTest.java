package dev.wharf.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.identity.tenant.AdminClients;
import dev.wharf.core.tenant.AdminRole;
import dev.wharf.identity.tenant.TenantService;
import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.TestTenants;
import dev.wharf.launcher.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17: admin-API tokens carry one role whatever the number of tenants (the operator's token used to grow by
 * about 600 bytes per tenant realm until the services answered 431), and clients made before are repaired.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class TenantTokenSizeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Room for claims whose length varies by a digit or two between two tokens (times, ids). */
    private static final int JITTER = 16;
    private static final int MORE_TENANTS = 4;
    /** Beyond the 34 tenants after which the realm model's tokens passed the services' header limit (issue 17). */
    private static final int MANY_TENANTS = 35;

    @Inject
    TenantService tenants;
    @Inject
    AdminClients adminClients;

    @BeforeEach
    void ready() {
        TestTenants.keycloakReady();
    }

    @Test
    void operatorAndServiceTokensDoNotGrowWithTheNumberOfTenants() {
        KeycloakServer kc = KeycloakTestAdmin.keycloak();
        String before = KeycloakTestAdmin.operatorToken(kc.adminUser(), kc.adminPassword());
        String serviceBefore = serviceToken();
        int tenantsBefore = tenants.list().size();

        List<String> made = new ArrayList<>();
        for (int i = 0; i < MORE_TENANTS; i++) {
            made.add(TestTenants.create("size", before));
        }
        String after = KeycloakTestAdmin.operatorToken(kc.adminUser(), kc.adminPassword());
        String serviceAfter = serviceToken();
        System.out.printf("admin-API token sizes: operator %d bytes at %d tenants, %d bytes at %d tenants; "
                        + "identity-service's admin-cli token %d and %d bytes%n", before.length(), tenantsBefore,
                after.length(), tenantsBefore + MORE_TENANTS, serviceBefore.length(), serviceAfter.length());

        assertTrue(Math.abs(after.length() - before.length()) <= JITTER,
                "operator token grew from " + before.length() + " to " + after.length() + " bytes");
        assertTrue(Math.abs(serviceAfter.length() - serviceBefore.length()) <= JITTER,
                "admin-cli token grew from " + serviceBefore.length() + " to " + serviceAfter.length() + " bytes");
        JsonNode claims = claims(after);
        assertEquals(List.of(AdminRole.OPERATOR), texts(claims.path("realm_access").path("roles")));
        assertTrue(claims.path("resource_access").isMissingNode(), "no client roles: " + claims);
        TestTenants.admin(after).get("/v1/admin/tenants").then().statusCode(200);
    }

    @Test
    void aTenantAdministratorsTokenCarriesOnlyItsRole() {
        String operator = KeycloakTestAdmin.operatorToken();
        String tenant = TestTenants.create("tok", operator);
        String boss = TestTenants.newUser(tenant, operator, Map.of());
        TestTenants.admin(operator).put("/v1/admin/tenants/" + tenant + "/admins/" + boss).then().statusCode(204);

        JsonNode claims = claims(TestTenants.tenantToken(tenant, boss, TestTenants.PASSWORD));
        assertEquals(List.of(AdminRole.TENANT_ADMIN), texts(claims.path("realm_access").path("roles")));
        assertTrue(claims.path("resource_access").isMissingNode(), "no client roles: " + claims);
        if (KeycloakTestAdmin.organizations()) {
            assertEquals(List.of(tenant), texts(claims.path("organization")), "the tenant, from the membership");
        }
    }

    /**
     * In the organizations model every tenant's administrators get their tokens from one realm: the token of one
     * of them must not grow with the number of tenants (nor of their administrators), and it keeps working.
     */
    @Test
    void aTenantAdministratorsTokenDoesNotGrowWithTheNumberOfTenants() {
        org.junit.jupiter.api.Assumptions.assumeTrue(KeycloakTestAdmin.organizations(),
                "the realm model's tenant administrators each have a realm of their own");
        String operator = KeycloakTestAdmin.operatorToken();
        String tenant = TestTenants.create("adm", operator);
        String boss = TestTenants.newUser(tenant, operator, Map.of());
        TestTenants.admin(operator).put("/v1/admin/tenants/" + tenant + "/admins/" + boss).then().statusCode(204);
        String before = TestTenants.tenantToken(tenant, boss, TestTenants.PASSWORD);

        List<String> made = new ArrayList<>();
        try {
            for (int i = 0; i < MANY_TENANTS; i++) {
                String t = TestTenants.create("many", KeycloakTestAdmin.operatorToken());
                made.add(t);
                String other = TestTenants.newUser(t, KeycloakTestAdmin.operatorToken(), Map.of());
                TestTenants.admin(KeycloakTestAdmin.operatorToken()).put("/v1/admin/tenants/" + t + "/admins/" + other)
                        .then().statusCode(204);
            }
            String after = TestTenants.tenantToken(tenant, boss, TestTenants.PASSWORD);
            System.out.printf("tenant administrator's token: %d bytes, %d bytes after %d more tenants%n",
                    before.length(), after.length(), MANY_TENANTS);
            assertTrue(Math.abs(after.length() - before.length()) <= JITTER,
                    "tenant administrator's token grew from " + before.length() + " to " + after.length() + " bytes");
            JsonNode claims = claims(after);
            assertEquals(List.of(tenant), texts(claims.path("organization")));
            assertEquals(List.of(AdminRole.TENANT_ADMIN), texts(claims.path("realm_access").path("roles")));
            TestTenants.admin(after).get("/v1/admin/tenants/" + tenant + "/users").then().statusCode(200);
            // the token names its tenant: another tenant's path is refused whatever the path says
            TestTenants.admin(after).get("/v1/admin/tenants/" + made.get(0) + "/users").then().statusCode(403);
        } finally {
            String cleanup = KeycloakTestAdmin.operatorToken();
            made.forEach(t -> TestTenants.admin(cleanup).delete("/v1/admin/tenants/" + t));
            TestTenants.admin(cleanup).delete("/v1/admin/tenants/" + tenant);
        }
    }

    @Test
    void aTenantWhoseClientHasFullScopeIsRepaired() {
        String tenant = TestTenants.create("fix", KeycloakTestAdmin.operatorToken());
        String realm = KeycloakTestAdmin.realmOf(tenant);
        String client = "/admin/realms/" + realm + "/clients";
        String id = KeycloakTestAdmin.get(client + "?clientId=wharf-admin").get(0).path("id").asText();
        // as tenants were made before issue 17: full scope, no scope mapping, no marker
        KeycloakTestAdmin.call("PUT", client + "/" + id, Map.of("fullScopeAllowed", true), 204);
        JsonNode role = KeycloakTestAdmin.get("/admin/realms/" + realm + "/roles/" + AdminRole.TENANT_ADMIN);
        KeycloakTestAdmin.call("DELETE", client + "/" + id + "/scope-mappings/realm", List.of(role), 204);
        if (realm.equals(tenant)) {
            KeycloakTestAdmin.call("PUT", "/admin/realms/" + tenant, Map.of("attributes",
                    Map.of("wharf.tenant", "true")), 204);
        }

        tenants.repair();

        assertFalse(KeycloakTestAdmin.get(client + "/" + id).path("fullScopeAllowed").asBoolean(true));
        assertEquals(List.of(AdminRole.TENANT_ADMIN),
                names(KeycloakTestAdmin.get(client + "/" + id + "/scope-mappings/realm")));
        if (realm.equals(tenant)) {
            assertEquals("3", KeycloakTestAdmin.get("/admin/realms/" + tenant).path("attributes")
                    .path(dev.wharf.identity.tenant.RealmTenantDirectory.ADMIN_ACCESS_MARKER).asText());
        }
    }

    @Test
    void theAdminRealmsClientIsRepairedToo() {
        String client = "/admin/realms/master/clients";
        String id = KeycloakTestAdmin.get(client + "?clientId=wharf-admin").get(0).path("id").asText();
        KeycloakTestAdmin.call("PUT", client + "/" + id, Map.of("fullScopeAllowed", true), 204);

        adminClients.ensure("master", AdminRole.OPERATOR, "Wharf platform operator");

        assertFalse(KeycloakTestAdmin.get(client + "/" + id).path("fullScopeAllowed").asBoolean(true));
        assertTrue(names(KeycloakTestAdmin.get(client + "/" + id + "/scope-mappings/realm"))
                .contains(AdminRole.OPERATOR));
    }

    /** identity-service's own token for Keycloak's admin REST API (client admin-cli). */
    private static String serviceToken() {
        KeycloakServer kc = KeycloakTestAdmin.keycloak();
        return KeycloakServer.token(KeycloakTestResource.serviceUrl(), "master", "admin-cli", kc.adminUser(),
                kc.adminPassword());
    }

    private static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("not a JWT: " + e, e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path("name").asText()));
        return out;
    }
}
