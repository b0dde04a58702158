package dev.wharf.identity.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.identity.keycloak.KeycloakConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which realm a bearer token claims to come from (before quarkus-oidc verifies it there). */
class RealmTokenResolverTest {
    private static final RealmTokenResolver RESOLVER = new RealmTokenResolver(null, new ObjectMapper(),
            new KeycloakConfig() {
                public String url() {
                    return "http://kc:8180/";
                }

                public String adminRealm() {
                    return "master";
                }

                public String adminUser() {
                    return "admin";
                }

                public String adminPassword() {
                    return "x";
                }

                public Duration timeout() {
                    return Duration.ofSeconds(1);
                }

                public String adminClientId() {
                    return "wharf-admin";
                }

                public boolean ensureAdminClient() {
                    return true;
                }
            }, new dev.wharf.identity.tenant.TenancySettings("realms", "wharf"));

    private static String bearer(String payload) {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        return "Bearer " + b.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void aTenantIssuerNamesItsRealm() {
        assertEquals("acme", RESOLVER.tenantRealmOf(bearer("{\"iss\":\"http://kc:8180/realms/acme\"}")));
        // Keycloak's public host name (KC_HOSTNAME) in iss: the realm is chosen, its configuration checks the issuer
        assertEquals("acme", RESOLVER.tenantRealmOf(bearer("{\"iss\":\"https://login.example.com/realms/acme\"}")));
        assertEquals("acme", RESOLVER.tenantRealmOf(bearer("{\"iss\":\"http://kc:8180/realms/acme\"}")
                .replace("Bearer", "bearer")));
    }

    @Test
    void everythingElseGoesToTheAdminRealm() {
        assertNull(RESOLVER.tenantRealmOf(null));
        assertNull(RESOLVER.tenantRealmOf("Basic YWxpY2U6cHc="));
        assertNull(RESOLVER.tenantRealmOf("Bearer not-a-token"));
        assertNull(RESOLVER.tenantRealmOf(bearer("{\"iss\":\"http://kc:8180/realms/master\"}")));
        assertNull(RESOLVER.tenantRealmOf(bearer("{\"iss\":\"acme\"}")));
        assertNull(RESOLVER.tenantRealmOf(bearer("{\"iss\":\"http://kc:8180/realms/Not_A_Tenant\"}")));
        assertNull(RESOLVER.tenantRealmOf(bearer("{\"iss\":\"http://kc:8180/realms/a/../master\"}")));
        assertNull(RESOLVER.tenantRealmOf(bearer("not json")));
    }
}
