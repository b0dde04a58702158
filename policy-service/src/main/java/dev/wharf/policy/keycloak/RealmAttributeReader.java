package dev.wharf.policy.keycloak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Reads a realm's attributes through Keycloak's admin API with the JDK client and Jackson. The admin token is
 * kept until shortly before it expires; a 401 (token revoked early) fetches a new one once. Keycloak being down or
 * refusing the admin sign-in is {@link Reason#SERVICE_UNAVAILABLE}: a configuration or outage problem, never the
 * client's fault, and never read as "no rules".
 */
public class RealmAttributeReader {
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(30);
    /** Groups read per tenant at most: protocol groups are few; a bound keeps one answer's size in check. */
    private static final int MAX_GROUPS = 1000;

    private final KeycloakConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final String baseUrl;
    private String token;
    private Instant tokenRefreshAt = Instant.MIN;

    public RealmAttributeReader(KeycloakConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.baseUrl = config.url().replaceAll("/+$", "");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The realm's attributes, or empty when there is no such realm. */
    public Optional<Map<String, String>> attributes(String realm) {
        URI uri = URI.create(baseUrl + "/admin/realms/" + URLEncoder.encode(realm, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        String t = token();
        HttpResponse<String> r = send(get(uri, t), "read realm " + realm);
        if (r.statusCode() == 401) {
            invalidate(t);
            r = send(get(uri, token()), "read realm " + realm);
        }
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw unavailable("read realm " + realm + ": Keycloak answered HTTP " + r.statusCode(), null);
        }
        JsonNode attrs = read(r.body(), "realm").path("attributes");
        Map<String, String> out = new HashMap<>();
        attrs.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return Optional.of(out);
    }

    /**
     * The protocols each top-level group grants (group attribute {@code name}), by group name. Subgroups are not
     * read: the gateways' token carries plain group names, so a subgroup's name would be ambiguous.
     */
    public Map<String, String> groupAttribute(String realm, String name) {
        URI uri = URI.create(baseUrl + "/admin/realms/" + enc(realm).replace("+", "%20")
                + "/groups?briefRepresentation=false&max=" + MAX_GROUPS);
        String t = token();
        HttpResponse<String> r = send(get(uri, t), "list groups of realm " + realm);
        if (r.statusCode() == 401) {
            invalidate(t);
            r = send(get(uri, token()), "list groups of realm " + realm);
        }
        if (r.statusCode() != 200) {
            throw unavailable("list groups of realm " + realm + ": Keycloak answered HTTP " + r.statusCode(), null);
        }
        Map<String, String> out = new HashMap<>();
        for (JsonNode g : read(r.body(), "group list")) {
            JsonNode values = g.path("attributes").path(name);
            if (values.isArray() && !values.isEmpty()) {
                StringJoiner joined = new StringJoiner(",");
                values.forEach(v -> joined.add(v.asText()));
                out.put(g.path("name").asText(), joined.toString());
            }
        }
        return out;
    }

    public void close() {
        http.shutdownNow();
    }

    private synchronized String token() {
        Instant now = Instant.now();
        if (token != null && now.isBefore(tokenRefreshAt)) {
            return token;
        }
        String form = "grant_type=password&client_id=" + enc(config.tokenClientId()) + "&username="
                + enc(config.adminUser()) + "&password=" + enc(config.adminPassword());
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + enc(config.adminRealm())
                        + "/protocol/openid-connect/token")).timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> r = send(req, "admin sign-in");
        if (r.statusCode() != 200) {
            throw unavailable("Keycloak refused policy-service's admin sign-in as " + config.adminUser()
                    + " in realm " + config.adminRealm() + ": HTTP " + r.statusCode(), null);
        }
        JsonNode body = read(r.body(), "admin token");
        Duration lifetime = Duration.ofSeconds(body.path("expires_in").asLong(60));
        Duration quarter = lifetime.dividedBy(4);
        token = body.path("access_token").asText();
        tokenRefreshAt = now.plus(lifetime).minus(quarter.compareTo(TOKEN_MARGIN) < 0 ? quarter : TOKEN_MARGIN);
        return token;
    }

    private synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            token = null;
        }
    }

    private HttpRequest get(URI uri, String bearer) {
        return HttpRequest.newBuilder(uri).timeout(config.timeout()).header("Accept", "application/json")
                .header("Authorization", "Bearer " + bearer).GET().build();
    }

    private HttpResponse<String> send(HttpRequest req, String call) {
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() >= 500) {
                throw unavailable(call + ": Keycloak answered HTTP " + r.statusCode(), null);
            }
            return r;
        } catch (IOException e) {
            throw unavailable(call + ": Keycloak at " + baseUrl + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(call + ": interrupted", e);
        }
    }

    private JsonNode read(String body, String what) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw unavailable("Keycloak answered a " + what + " that is not JSON", e);
        }
    }

    private static WharfException unavailable(String message, Throwable cause) {
        return new WharfException(Reason.SERVICE_UNAVAILABLE, message, cause);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
