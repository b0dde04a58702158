package dev.wharf.identity.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantDefaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void userProfileKeepsWharfAttributesToAdministratorsAndDropsNameAndEmailRequirements() throws Exception {
        JsonNode keycloakDefault = JSON.readTree("""
                {"attributes":[
                  {"name":"username","required":{"roles":["user"]}},
                  {"name":"email","required":{"roles":["user"]}},
                  {"name":"firstName","required":{"roles":["user"]}},
                  {"name":"lastName","required":{"roles":["user"]}}],
                 "groups":[]}""");
        JsonNode p = TenantDefaults.userProfile(keycloakDefault);
        assertEquals("ADMIN_EDIT", p.path("unmanagedAttributePolicy").asText());
        assertTrue(p.path("attributes").get(0).has("required"), "username stays required");
        for (int i = 1; i < 4; i++) {
            assertFalse(p.path("attributes").get(i).has("required"), p.path("attributes").get(i).toString());
        }
        assertEquals(4 + TenantDefaults.ADMIN_ONLY_ATTRIBUTES.size(), p.path("attributes").size());
        for (String name : TenantDefaults.ADMIN_ONLY_ATTRIBUTES) {
            JsonNode a = declaration(p, name);
            assertEquals("{\"view\":[\"admin\"],\"edit\":[\"admin\"]}", a.path("permissions").toString(), name);
            assertFalse(a.has("required"), name);
        }
        assertTrue(declaration(p, "wharf.sshkeys").path("multivalued").asBoolean());
        assertFalse(declaration(p, "wharf.home").path("multivalued").asBoolean());
        assertTrue(keycloakDefault.path("attributes").get(1).has("required"), "the input is not changed");
        assertEquals(p, TenantDefaults.userProfile(p), "an up-to-date profile is left as it is");
    }

    @Test
    void aRepairTakesBackWhatAUserWasAllowedAndKeepsTheRest() throws Exception {
        JsonNode old = JSON.readTree("""
                {"unmanagedAttributePolicy":"ENABLED",
                 "attributes":[{"name":"username"},
                   {"name":"wharf.home","displayName":"Home folder","permissions":{"view":["admin","user"],
                    "edit":["admin","user"]},"required":{"roles":["user"]}}]}""");
        JsonNode p = TenantDefaults.userProfile(old);
        JsonNode home = declaration(p, "wharf.home");
        assertEquals("Home folder", home.path("displayName").asText(), "an operator's display name is kept");
        assertEquals("{\"view\":[\"admin\"],\"edit\":[\"admin\"]}", home.path("permissions").toString());
        assertFalse(home.has("required"));
        assertEquals(List.of("unmanaged attributes ENABLED -> ADMIN_EDIT",
                "attributes declared anew " + TenantDefaults.ADMIN_ONLY_ATTRIBUTES), TenantUserProfile.changes(old, p));
        assertEquals(List.of(), TenantUserProfile.changes(p, p));
    }

    private static JsonNode declaration(JsonNode profile, String name) {
        for (JsonNode a : profile.path("attributes")) {
            if (name.equals(a.path("name").asText())) {
                return a;
            }
        }
        throw new AssertionError("no declaration of " + name + " in " + profile);
    }

    @Test
    @SuppressWarnings("unchecked")
    void realmCarriesTheGatewayClientAndSiteSettings() {
        Map<String, Object> r = TenantDefaults.realm("acme");
        assertEquals("acme", r.get("realm"));
        // identity-service throttles per account instead of Keycloak's per-user lockout (issue 11)
        assertEquals(Boolean.FALSE, r.get("bruteForceProtected"));
        assertEquals(Boolean.FALSE, r.get("otpPolicyCodeReusable"));
        assertEquals("false", ((Map<String, String>) r.get("attributes")).get("wharf.ftp.plainAllowed"));
        Map<String, Object> client = ((List<Map<String, Object>>) r.get("clients")).get(0);
        assertEquals(TenantDefaults.GATEWAY_CLIENT_ID, client.get("clientId"));
        assertEquals(Boolean.TRUE, client.get("directAccessGrantsEnabled"));
        assertEquals(Boolean.FALSE, client.get("standardFlowEnabled"));
        assertEquals(4, ((List<?>) client.get("protocolMappers")).size());
    }

    @Test
    void thePasswordCheckClientIsBoundToThePasswordOnlyFlowAndCarriesNothing() {
        Map<String, Object> c = TenantDefaults.passwordCheckClient("flow-id");
        assertEquals(TenantDefaults.PASSWORD_CHECK_CLIENT_ID, c.get("clientId"));
        assertEquals(Map.of("direct_grant", "flow-id"), c.get("authenticationFlowBindingOverrides"));
        assertEquals(Boolean.TRUE, c.get("directAccessGrantsEnabled"));
        assertEquals(Boolean.FALSE, c.get("standardFlowEnabled"));
        assertEquals(Boolean.FALSE, c.get("fullScopeAllowed"));
        assertEquals(List.of(), c.get("defaultClientScopes"));
        assertEquals(List.of("direct-grant-validate-username", "direct-grant-validate-password"),
                TenantDefaults.PASSWORD_ONLY_AUTHENTICATORS);
    }

    @Test
    void tenantIdsAreDnsLabels() {
        assertTrue(TenantIds.isValid("acme"));
        assertTrue(TenantIds.isValid("a-1"));
        assertTrue(TenantIds.isValid("a".repeat(63)));
        for (String bad : new String[] {"", "Acme", "-a", "a-", "a_b", "a.b", "a".repeat(64), "a b"}) {
            assertFalse(TenantIds.isValid(bad), bad);
        }
        assertFalse(TenantIds.isValid(null));
    }

    @Test
    void webClientSignsBrowsersInWithPkceOnlyAndRedirectsOnlyToThePortal() {
        Map<String, Object> c = TenantDefaults.webClient(List.of("https://acme.localhost:8443/*"));
        assertEquals(TenantDefaults.WEB_CLIENT_ID, c.get("clientId"));
        assertEquals(true, c.get("publicClient"));
        assertEquals(true, c.get("standardFlowEnabled"));
        assertEquals(false, c.get("directAccessGrantsEnabled"), "no password grant through the portal's client");
        assertEquals(false, c.get("implicitFlowEnabled"));
        assertEquals(List.of("https://acme.localhost:8443/*"), c.get("redirectUris"));
        @SuppressWarnings("unchecked")
        Map<String, String> attributes = (Map<String, String>) c.get("attributes");
        assertEquals("S256", attributes.get("pkce.code.challenge.method"));
        assertEquals(TenantDefaults.gatewayClient().get("protocolMappers"), c.get("protocolMappers"),
                "the same Wharf claims as the gateways' client");
    }
}
