package dev.wharf.identity.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.launcher.KeycloakServer;
import dev.wharf.launcher.TestComponents;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * What tests do to Keycloak directly, beside identity-service's API: read what it wrote, and set things that
 * later issues add to the admin API (groups) or that only tests may set (a cheap password hash).
 */
public final class KeycloakTestAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private KeycloakTestAdmin() {
    }

    public static KeycloakServer keycloak() {
        return TestComponents.keycloak();
    }

    private static volatile String cachedToken;
    private static volatile long cachedAt;

    /**
     * A token of the bootstrap admin from the admin-API client identity-service ensures; reused for 20 s (master
     * tokens live 60 s), so that tests may ask for one before each test without a grant each time.
     */
    public static synchronized String operatorToken() {
        long now = System.nanoTime();
        if (cachedToken == null || now - cachedAt > java.util.concurrent.TimeUnit.SECONDS.toNanos(20)) {
            cachedToken = operatorToken(keycloak().adminUser(), keycloak().adminPassword());
            cachedAt = now;
        }
        return cachedToken;
    }

    /** A token from the admin-API client, fetched through the URL identity-service uses (issuer check). */
    public static String operatorToken(String user, String password) {
        return KeycloakServer.token(KeycloakTestResource.serviceUrl(), "master", "wharf-admin", user, password);
    }

    /** Fast password hashing for a test tenant: never outside tests (COMPONENTS.md). */
    public static void useCheapPasswordHash(String realm) {
        call("PUT", "/admin/realms/" + realm,
                Map.of("passwordPolicy", "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)"), 204);
    }

    public static JsonNode get(String path) {
        return call("GET", path, null, 200);
    }

    /** Any admin call; fails unless Keycloak answers {@code expected}. */
    public static JsonNode call(String method, String path, Object body, int expected) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(keycloak().baseUrl() + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + keycloak().adminToken())
                    .header("Content-Type", "application/json");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new AssertionError(method + " " + path + ": expected HTTP " + expected + ", got "
                        + r.statusCode() + " " + r.body());
            }
            return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("Keycloak call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The id of a user of {@code realm}. */
    public static String userId(String realm, String username) {
        JsonNode list = get("/admin/realms/" + realm + "/users?exact=true&username=" + username);
        if (list.size() != 1) {
            throw new AssertionError("expected one user " + username + " in " + realm + ", found " + list.size());
        }
        return list.get(0).path("id").asText();
    }

    /** Creates a top-level group and puts the user in it. */
    public static void addToNewGroup(String realm, String username, String group) {
        call("POST", "/admin/realms/" + realm + "/groups", Map.of("name", group), 201);
        String groupId = get("/admin/realms/" + realm + "/groups?exact=true&search=" + group).get(0).path("id").asText();
        call("PUT", "/admin/realms/" + realm + "/users/" + userId(realm, username) + "/groups/" + groupId, null, 204);
    }
}
