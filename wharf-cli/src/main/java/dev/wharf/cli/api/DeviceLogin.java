package dev.wharf.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.cli.CliException;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Signs the CLI in through the browser with the OAuth device authorization grant (RFC 8628) against the same
 * realm and client as the password grant, so Keycloak's own sign-in applies: TOTP, required actions, whatever the
 * realm asks. Also renews and revokes what it got.
 */
public final class DeviceLogin {
    /** RFC 8628's grant type. */
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final String FIX = "is the platform running (./wharf status)? Otherwise set --keycloak-url or"
            + " WHARF_KEYCLOAK_URL";

    private final Connection connection;
    private final Http http = new Http();
    private final ObjectMapper json;
    private final Clock clock;

    public DeviceLogin(Connection connection, ObjectMapper json, Clock clock) {
        this.connection = connection;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Asks Keycloak for a device code, tells the user where to confirm it ({@code say}), waits for the browser
     * sign-in (polling at Keycloak's interval, until the code expires) and keeps the tokens; answers who signed in.
     */
    public String login(Consumer<String> say) {
        if (connection.loginDir() == null) {
            throw CliException.usage("no folder to keep the sign-in in: set WHARF_CONFIG_DIR (or HOME)");
        }
        HttpResponse<String> r = post(endpoint("auth/device"), Map.of("client_id", TokenRequest.CLIENT_ID));
        JsonNode device = SignIn.parse(json, r.body());
        if (r.statusCode() != 200 || !device.hasNonNull("device_code")) {
            throw CliException.unreachable("Keycloak refused to start a browser sign-in at realm "
                    + connection.signInRealm() + ": " + device.path("error_description").asText(r.body()),
                    "identity-service enables the device grant on client " + TokenRequest.CLIENT_ID
                            + " when it starts: restart it once if it predates this version");
        }
        String link = device.path("verification_uri_complete").asText(device.path("verification_uri").asText());
        say.accept("Open this address in a browser and sign in" + (connection.tenantRealm()
                ? " as " + connection.signInUser() : "") + ":");
        say.accept("  " + link);
        say.accept("and check that it shows the code " + device.path("user_code").asText() + ". Waiting...");
        Duration interval = Duration.ofSeconds(Math.max(1, device.path("interval").asLong(5)));
        Instant deadline = clock.instant().plusSeconds(device.path("expires_in").asLong(600));
        // bounded: at most one poll per interval until the code expires (RFC 8628 §3.5)
        while (clock.instant().isBefore(deadline)) {
            pause(interval);
            HttpResponse<String> t = post(endpoint("token"), Map.of("grant_type", DEVICE_GRANT,
                    "client_id", TokenRequest.CLIENT_ID, "device_code", device.path("device_code").asText()));
            JsonNode body = SignIn.parse(json, t.body());
            if (t.statusCode() == 200 && body.hasNonNull("access_token")) {
                StoredLogin login = StoredLogin.fromTokenResponse(connection, body, clock.instant());
                login.save(connection.loginDir(), json);
                return subject(login.accessToken());
            }
            switch (body.path("error").asText("")) {
                case "authorization_pending" -> { }
                case "slow_down" -> interval = interval.plusSeconds(5);
                case "access_denied" -> throw CliException.unreachable("the sign-in was denied in the browser");
                case "expired_token" -> throw CliException.unreachable("the code expired before the sign-in",
                        "run wharf login again and sign in within " + device.path("expires_in").asLong(600) / 60
                                + " minutes");
                default -> throw CliException.unreachable("Keycloak ended the browser sign-in: "
                        + body.path("error_description").asText(t.body()));
            }
        }
        throw CliException.unreachable("the code expired before the sign-in", "run wharf login again");
    }

    /** A new access token for the stored refresh token; empty when Keycloak no longer accepts it. */
    java.util.Optional<StoredLogin> refresh(StoredLogin stored) {
        if (stored.refreshToken() == null || !clock.instant().isBefore(stored.refreshExpiresAt())) {
            return java.util.Optional.empty();
        }
        HttpResponse<String> r = post(endpoint("token"), Map.of("grant_type", "refresh_token",
                "client_id", TokenRequest.CLIENT_ID, "refresh_token", stored.refreshToken()));
        JsonNode body = SignIn.parse(json, r.body());
        if (r.statusCode() != 200 || !body.hasNonNull("access_token")) {
            return java.util.Optional.empty();
        }
        StoredLogin renewed = StoredLogin.fromTokenResponse(connection, body, clock.instant());
        renewed.save(connection.loginDir(), json);
        return java.util.Optional.of(renewed);
    }

    /** Ends the stored sign-in at Keycloak (its refresh token revoked) and forgets it; whether there was one. */
    public boolean logout() {
        java.util.Optional<StoredLogin> stored = StoredLogin.load(connection, json);
        if (stored.isPresent() && stored.get().refreshToken() != null) {
            try {
                post(endpoint("revoke"), Map.of("client_id", TokenRequest.CLIENT_ID, "token",
                        stored.get().refreshToken(), "token_type_hint", "refresh_token"));
            } catch (CliException e) {
                // Keycloak away: the file goes anyway, and the refresh token expires on its own
            }
        }
        return StoredLogin.delete(connection);
    }

    private URI endpoint(String what) {
        return URI.create(connection.keycloakUrl() + "/realms/" + UrlPaths.segment(connection.signInRealm())
                + "/protocol/openid-connect/" + what);
    }

    private HttpResponse<String> post(URI uri, Map<String, String> fields) {
        String form = TokenRequest.encode(new LinkedHashMap<>(fields));
        return http.send(HttpRequest.newBuilder(uri).timeout(Http.REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(), "Keycloak", FIX);
    }

    /** The signed-in user's name from the access token's payload (shown to the user only; not verified here). */
    private String subject(String accessToken) {
        try {
            String[] parts = accessToken.split("\\.");
            JsonNode claims = json.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
            return claims.path("preferred_username").asText("?");
        } catch (RuntimeException | java.io.IOException e) {
            return "?";
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // the interval RFC 8628 asks clients to wait between polls
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.unreachable("interrupted while waiting for the browser sign-in");
        }
    }
}
