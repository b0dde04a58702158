package dev.wharf.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.identity.tenant.PasswordCheckSetup;
import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.TestTenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A tenant made before issue 11 (Keycloak's lockout on, no password-check client or flow) is brought up to date,
 * idempotently: by the start-up pass over tenants ({@link PasswordCheckSetup}) or, for a realm that pass missed,
 * at its first password check.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class PasswordCheckRepairTest extends OneTenantTestBase {
    @Inject
    dev.wharf.identity.tenant.TenantDirectory setup;

    @Override
    String tenantPrefix() {
        return "r";
    }

    /** Takes the tenant back to what a tenant made before issue 11 had. */
    private static void makeOld(String tenant) {
        String base = "/admin/realms/" + KeycloakTestAdmin.realmOf(tenant);
        JsonNode client = KeycloakTestAdmin.get(base + "/clients?clientId=wharf-password-check").get(0);
        KeycloakTestAdmin.call("DELETE", base + "/clients/" + client.path("id").asText(), null, 204);
        for (JsonNode f : KeycloakTestAdmin.get(base + "/authentication/flows")) {
            if ("wharf-password-only".equals(f.path("alias").asText())) {
                KeycloakTestAdmin.call("DELETE", base + "/authentication/flows/" + f.path("id").asText(), null, 204);
            }
        }
        KeycloakTestAdmin.call("PUT", base, Map.of("bruteForceProtected", true, "failureFactor", 10), 204);
        // and before issue 13: no web portal client
        for (JsonNode web : KeycloakTestAdmin.get(base + "/clients?clientId=wharf-web")) {
            KeycloakTestAdmin.call("DELETE", base + "/clients/" + web.path("id").asText(), null, 204);
        }
    }

    private static void assertUpToDate(String tenant) {
        String realm = KeycloakTestAdmin.realmOf(tenant);
        String base = "/admin/realms/" + realm;
        assertEquals(1, KeycloakTestAdmin.get(base + "/clients?clientId=wharf-password-check").size());
        assertEquals(1, java.util.stream.StreamSupport.stream(KeycloakTestAdmin.get(base + "/authentication/flows")
                .spliterator(), false).filter(f -> "wharf-password-only".equals(f.path("alias").asText())).count());
        assertFalse(KeycloakTestAdmin.get(base).path("bruteForceProtected").asBoolean());
        JsonNode web = KeycloakTestAdmin.get(base + "/clients?clientId=wharf-web");
        assertEquals(1, web.size(), "the web portal's client");
        if (realm.equals(tenant)) {
            assertEquals("[\"https://" + realm + ".localhost:8443/*\"]", web.get(0).path("redirectUris").toString(),
                    "redirects only to the tenant's portal pages");
        }
        assertEquals("S256", web.get(0).path("attributes").path("pkce.code.challenge.method").asText());
        assertFalse(web.get(0).path("directAccessGrantsEnabled").asBoolean());
    }

    @Test
    void theStartUpPassRepairsAnOldTenantAndChangesNothingTheSecondTime() {
        makeOld(tenant);
        setup.ensurePasswordCheck(tenant);
        assertUpToDate(tenant);
        setup.ensurePasswordCheck(tenant);
        assertUpToDate(tenant);
    }

    @Test
    void aTenantThePassMissedIsRepairedAtItsFirstPasswordCheck() {
        String user = newUser(Map.of());
        admin().post("/v1/admin/tenants/" + tenant + "/users/" + user + "/otp").then().statusCode(201);
        makeOld(tenant);
        TestTenants.login(tenant, user, "Wrong-password").body("reason", equalTo("bad_credentials"));
        TestTenants.login(tenant, user, PASSWORD).body("reason", equalTo("second_factor_required"));
        assertUpToDate(tenant);
    }
}
