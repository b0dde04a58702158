package dev.wharf.identity.keycloak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.api.trace.TraceHeaders;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Logins by Keycloak's direct password grant (and ending their sessions), with the JDK client and Jackson. The admin
 * client has no call for a user's own password grant in a tenant realm (with a TOTP code), so this stays plain
 * HTTP; everything else goes through {@link AdminClientKeycloak}.
 */
@ApplicationScoped
public class HttpDirectGrant implements DirectGrant {
    private static final Logger LOG = Logger.getLogger(HttpDirectGrant.class);

    private final KeycloakConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final String baseUrl;

    @Inject
    public HttpDirectGrant(KeycloakConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.baseUrl = config.url().replaceAll("/+$", "");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }

    // ---------------------------------------------------------------- direct grant

    @Override
    public Result passwordGrant(String realm, String clientId, String username, String password, String totp) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        if (totp != null && !totp.isBlank()) {
            form.put("totp", totp);
        }
        HttpResponse<String> r = send(formPost(uri("realms", realm, "protocol", "openid-connect", "token"), form),
                "password grant in realm " + realm);
        if (r.statusCode() == 200) {
            JsonNode body = read(r.body(), "token response");
            return new Granted(claims(body.path("access_token").asText("")), body.path("refresh_token").asText(null));
        }
        JsonNode body = readOrEmpty(r.body());
        return new Refused(r.statusCode(), text(body, "error"), text(body, "error_description"));
    }

    @Override
    public void endSession(String realm, String clientId, String refreshToken) {
        if (refreshToken == null || refreshToken.isEmpty()) {
            return;
        }
        Map<String, String> form = Map.of("client_id", clientId, "refresh_token", refreshToken);
        http.sendAsync(formPost(uri("realms", realm, "protocol", "openid-connect", "logout"), form),
                        HttpResponse.BodyHandlers.discarding())
                .whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.debugf("ending a Keycloak session in realm %s failed: %s", realm, e.toString());
                    } else if (r.statusCode() >= 300) {
                        LOG.debugf("ending a Keycloak session in realm %s answered HTTP %d", realm, r.statusCode());
                    }
                });
    }

    private JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new KeycloakUnavailableException("Keycloak answered a token that is not a JWT");
        }
        // The token comes straight from Keycloak's token endpoint over our own connection, so its payload is
        // read as is; verifying its signature would not add trust.
        return read(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8), "access token");
    }

    // ---------------------------------------------------------------- plumbing

    private HttpResponse<String> send(HttpRequest req, String call) {
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KeycloakUnavailableException(call + ": Keycloak at " + baseUrl + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeycloakUnavailableException(call + ": interrupted", e);
        }
        if (r.statusCode() >= 500) {
            throw new KeycloakUnavailableException(call + ": Keycloak answered HTTP " + r.statusCode());
        }
        return r;
    }

    private HttpRequest formPost(URI uri, Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        // Keycloak 26 continues a W3C trace context when its own tracing is on (docs/DECISIONS.md)
        return TraceHeaders.add(HttpRequest.newBuilder(uri)).timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private JsonNode read(String body, String what) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new KeycloakUnavailableException("Keycloak answered a " + what + " that is not JSON", e);
        }
    }

    private JsonNode readOrEmpty(String body) {
        try {
            JsonNode n = body == null || body.isBlank() ? null : json.readTree(body);
            return n == null ? json.createObjectNode() : n;
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A URI of path segments, each percent-encoded, so that no name can add or change a path segment. */
    private URI uri(String... segments) {
        return uri(path(List.of(segments)));
    }

    private URI uri(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }

    private static String path(List<String> segments) {
        StringBuilder b = new StringBuilder();
        for (String s : segments) {
            b.append('/').append(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }

}
