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
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private KeycloakRealms() {
    }

    /** Creates realm {@code id} marked as a Wharf tenant, with these site attributes. */
    public static void create(String id, Map<String, String> attributes) {
        Map<String, String> attrs = new HashMap<>(attributes);
        attrs.put("wharf.tenant", "true");
        call("POST", "/admin/realms", Map.of("realm", id, "enabled", true, "attributes", attrs), 201);
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

    private static void call(String method, String path, Object body, int expected) {
        KeycloakServer kc = TestComponents.keycloak();
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kc.baseUrl() + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + kc.adminToken())
                    .header("Content-Type", "application/json");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new AssertionError(method + " " + path + ": expected HTTP " + expected + ", got "
                        + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new AssertionError("Keycloak call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
