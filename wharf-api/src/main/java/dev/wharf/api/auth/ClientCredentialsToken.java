package dev.wharf.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.api.WireJson;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The gateway's service credential: a client-credentials token from Keycloak's token endpoint, kept until a
 * quarter of its lifetime (at most a minute) is left, so a login costs no extra call. One fetch at a time;
 * a failed fetch is {@code service_unavailable} and is retried by the next call.
 */
public final class ClientCredentialsToken implements Supplier<String> {
    private static final Logger LOG = Logger.getLogger(ClientCredentialsToken.class);
    private static final Duration MAX_MARGIN = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI tokenUrl;
    private final String clientId;
    private final String secret;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json = WireJson.mapper();
    private String token;
    private Instant refreshAt = Instant.MIN;

    public ClientCredentialsToken(HttpClient http, URI tokenUrl, String clientId, String secret, Duration timeout,
                                  Clock clock) {
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.secret = secret;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(refreshAt)) {
            fetch(now);
        }
        return token;
    }

    private void fetch(Instant now) {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(tokenUrl).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, "Keycloak cannot be reached for the gateway's "
                    + "service credential (" + tokenUrl + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, "interrupted while fetching the service credential", e);
        }
        if (r.statusCode() != 200) {
            // the body names Keycloak's error (invalid_client, ...), never the secret
            LOG.errorf("Keycloak refused the gateway's service credential (client %s): HTTP %d %s", clientId,
                    r.statusCode(), r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, "the gateway's service credential was refused by "
                    + "Keycloak (HTTP " + r.statusCode() + ")");
        }
        try {
            JsonNode body = json.readTree(r.body());
            String value = body.path("access_token").asText("");
            long lifetime = body.path("expires_in").asLong(60);
            if (value.isEmpty()) {
                throw new WharfException(Reason.SERVICE_UNAVAILABLE, "Keycloak answered no access token");
            }
            Duration life = Duration.ofSeconds(Math.max(1, lifetime));
            Duration quarter = life.dividedBy(4);
            token = value;
            refreshAt = now.plus(life).minus(quarter.compareTo(MAX_MARGIN) < 0 ? quarter : MAX_MARGIN);
        } catch (IOException e) {
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, "Keycloak answered an unreadable token response", e);
        }
    }

    @Override
    public String toString() {
        return "ClientCredentialsToken[client=" + clientId + ", url=" + tokenUrl + "]";
    }
}
