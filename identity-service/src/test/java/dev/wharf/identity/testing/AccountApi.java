package dev.wharf.identity.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a tenant's user can do to Keycloak with their own password and nothing else: get tokens from the realm's
 * clients by password grant and call the account REST API ({@code /realms/<tenant>/account/}) with them, straight
 * to Keycloak as a browser would.
 */
public final class AccountApi {
    /**
     * The clients of a tenant realm a user might get a token from: Wharf's two, and Keycloak's own public ones.
     */
    public static final List<String> CLIENTS = List.of("wharf-gateway", "wharf-admin", "admin-cli",
            "account-console", "account", "security-admin-console", "broker", "realm-management");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private AccountApi() {
    }

    /** An answer: status and body. */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
            }
        }
    }

    /** The access token Keycloak gives the user through {@code clientId} by password grant, if it gives one. */
    public static Optional<String> token(String tenant, String clientId, String user, String password) {
        Answer a = send("POST", "/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/protocol/openid-connect/token", null,
                "application/x-www-form-urlencoded", "grant_type=password&client_id=" + encode(clientId)
                        + "&username=" + encode(KeycloakTestAdmin.keycloakUser(tenant, user)) + "&password="
                        + encode(password));
        return a.status() == 200 ? Optional.of(a.json().path("access_token").asText()) : Optional.empty();
    }

    /** {@code GET /realms/<realm>/account/<path>} with the user's token. */
    public static Answer get(String tenant, String token, String path) {
        return send("GET", "/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/account/" + path, token, null, null);
    }

    /** {@code POST /realms/<realm>/account/} with the user's token: the account console's profile update. */
    public static Answer update(String tenant, String token, JsonNode profile) {
        try {
            return send("POST", "/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/account/", token, "application/json",
                    JSON.writeValueAsString(profile));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Any call to Keycloak with the user's token, e.g. the admin API or userinfo with a user's own token. */
    public static Answer call(String method, String path, String token, JsonNode body) {
        try {
            return send(method, path, token, body == null ? null : "application/json",
                    body == null ? null : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Answer send(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(KeycloakTestAdmin.keycloak().baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
