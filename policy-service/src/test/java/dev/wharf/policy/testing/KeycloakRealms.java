package dev.wharf.policy.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.launcher.KeycloakServer;
import dev.wharf.launcher.TestComponents;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Realms with site attributes, made through Keycloak's admin API as identity-service makes them. */
public final class KeycloakRealms {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private KeycloakRealms() {
    }

    /** Creates realm {@code id} marked as a Wharf tenant, with these site attributes. */
    public static void create(String id, Map<String, String> attributes) {
        Map<String, String> attrs = new HashMap<>(attributes);
        attrs.put("wharf.tenant", "true");
        call("POST", "/admin/realms", Map.of("realm", id, "enabled", true, "attributes", attrs), 201);
    }

    /** Creates realm {@code id} without the tenant mark (a realm Wharf did not make as a tenant). */
    public static void createUnmarked(String id) {
        call("POST", "/admin/realms", Map.of("realm", id, "enabled", true), 201);
    }

    /** Replaces the realm's attributes. */
    public static void setAttributes(String id, Map<String, String> attributes) {
        Map<String, String> attrs = new HashMap<>(attributes);
        attrs.put("wharf.tenant", "true");
        call("PUT", "/admin/realms/" + id, Map.of("attributes", attrs), 204);
    }

    /** Creates a top-level group with these attributes (each a single value). */
    public static void createGroup(String realm, String name, Map<String, String> attributes) {
        Map<String, Object> attrs = new HashMap<>();
        attributes.forEach((k, v) -> attrs.put(k, java.util.List.of(v)));
        call("POST", "/admin/realms/" + realm + "/groups", Map.of("name", name, "attributes", attrs), 201);
    }

    public static void delete(String id) {
        call("DELETE", "/admin/realms/" + id, null, 204);
    }

    /**
     * Makes sure the admin realm has the public client {@code wharf-admin} operators get admin-API tokens from
     * (identity-service creates it in the platform; full tokens, so that realm roles are in them).
     */
    public static synchronized void ensureAdminClient() {
        call("POST", "/admin/realms/master/clients", Map.of("clientId", "wharf-admin", "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "attributes", Map.of("client.use.lightweight.access.token.enabled", "false")), 201, 409);
    }

    /**
     * The gateways' service account in the admin realm, as identity-service's GatewayClientBootstrap makes it: realm
     * role, confidential client with full scope off, the role in its scope and granted to its service account.
     */
    public static synchronized void ensureGatewayClient(String clientId, String secret) {
        String role = dev.wharf.api.auth.GatewayCredential.ROLE;
        call("POST", "/admin/realms/master/roles", Map.of("name", role), 201, 409);
        call("POST", "/admin/realms/master/clients", Map.of("clientId", clientId, "publicClient", false,
                "secret", secret, "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                "directAccessGrantsEnabled", false, "fullScopeAllowed", false), 201, 409);
        try {
            KeycloakServer kc = TestComponents.keycloak();
            String uuid = JSON.readTree(get("/admin/realms/master/clients?clientId=" + clientId)).get(0).path("id").asText();
            com.fasterxml.jackson.databind.JsonNode r = JSON.readTree(get("/admin/realms/master/roles/" + role));
            call("POST", "/admin/realms/master/clients/" + uuid + "/scope-mappings/realm", java.util.List.of(r), 204);
            String user = JSON.readTree(get("/admin/realms/master/clients/" + uuid + "/service-account-user"))
                    .path("id").asText();
            call("POST", "/admin/realms/master/users/" + user + "/role-mappings/realm", java.util.List.of(r), 204);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String get(String path) {
        KeycloakServer kc = TestComponents.keycloak();
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(kc.baseUrl() + path))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + kc.adminToken()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("Keycloak call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A user of the admin realm without any role, with this password. */
    public static void createAdminRealmUser(String username, String password) {
        call("POST", "/admin/realms/master/users", Map.of("username", username, "enabled", true,
                "firstName", "Test", "lastName", "User", "email", username + "@example.com", "emailVerified", true,
                "credentials", java.util.List.of(Map.of("type", "password", "value", password, "temporary", false))),
                201);
    }

    /** An access token from {@code wharf-admin} in the admin realm. */
    public static String adminApiToken(String username, String password) {
        ensureAdminClient();
        return KeycloakServer.token(TestComponents.keycloak().baseUrl(), "master", "wharf-admin", username, password);
    }

    /** The bootstrap administrator's admin-API token, with the operator role identity-service grants it. */
    public static String operatorToken() {
        KeycloakServer kc = TestComponents.keycloak();
        grantOperatorRole(kc.adminUser());
        return adminApiToken(kc.adminUser(), kc.adminPassword());
    }

    /** Gives a user of the admin realm the realm role {@code wharf-operator}, as identity-service does at start. */
    public static synchronized void grantOperatorRole(String username) {
        call("POST", "/admin/realms/master/roles", Map.of("name", "wharf-operator"), 201, 409);
        try {
            var role = JSON.readTree(call("GET", "/admin/realms/master/roles/wharf-operator", null, 200));
            var users = JSON.readTree(call("GET", "/admin/realms/master/users?exact=true&username=" + username,
                    null, 200));
            call("POST", "/admin/realms/master/users/" + users.get(0).path("id").asText() + "/role-mappings/realm",
                    java.util.List.of(role), 204);
        } catch (IOException e) {
            throw new AssertionError("Keycloak answered something that is not JSON: " + e, e);
        }
    }

    static String call(String method, String path, Object body, int... expected) {
        KeycloakServer kc = TestComponents.keycloak();
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kc.baseUrl() + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + kc.adminToken())
                    .header("Content-Type", "application/json");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (java.util.Arrays.stream(expected).noneMatch(c -> c == r.statusCode())) {
                throw new AssertionError(method + " " + path + ": expected HTTP "
                        + java.util.Arrays.toString(expected) + ", got "
                        + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("Keycloak call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
