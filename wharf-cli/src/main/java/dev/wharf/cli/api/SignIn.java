package dev.wharf.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.cli.CliException;

import java.net.http.HttpResponse;

/**
 * Gets the bearer token once per run: WHARF_TOKEN as is, else the sign-in {@code wharf login} kept (renewed with its
 * refresh token when its access token ran out), else a password grant against Keycloak.
 */
final class SignIn {
    private final Connection connection;
    private final Http http;
    private final ObjectMapper json;
    private String token;

    SignIn(Connection connection, Http http, ObjectMapper json) {
        this.connection = connection;
        this.http = http;
        this.json = json;
    }

    synchronized String token() {
        if (token == null) {
            token = connection.token() != null ? connection.token() : stored().orElseGet(this::passwordGrant);
        }
        return token;
    }

    /** The stored browser sign-in's access token, renewed if needed; empty when there is none (any more). */
    private java.util.Optional<String> stored() {
        java.util.Optional<StoredLogin> login = StoredLogin.load(connection, json);
        if (login.isEmpty()) {
            return java.util.Optional.empty();
        }
        java.time.Instant now = java.time.Instant.now();
        if (login.get().accessValid(now)) {
            return java.util.Optional.of(login.get().accessToken());
        }
        java.util.Optional<StoredLogin> renewed = new DeviceLogin(connection, json, java.time.Clock.systemUTC())
                .refresh(login.get());
        if (renewed.isPresent()) {
            return java.util.Optional.of(renewed.get().accessToken());
        }
        // Keycloak no longer takes it (expired, revoked, another platform): forget it
        StoredLogin.delete(connection);
        if (connection.password() == null) {
            throw CliException.unreachable("your sign-in at realm " + connection.signInRealm() + " has expired",
                    "sign in again: wharf login" + (connection.tenantRealm() ? " --realm " + connection.realm() : ""));
        }
        return java.util.Optional.empty();
    }

    private String passwordGrant() {
        Connection c = connection;
        if (c.password() == null) {
            String where = c.passwordFile() == null ? ""
                    : " (a local platform keeps it in " + c.passwordFile() + ", which does not exist: start it with"
                    + " ./wharf up, or set WHARF_RUN_DIR to its run folder)";
            throw CliException.unreachable("not signed in: no password for user " + c.user() + " in realm " + c.realm()
                    + where, "sign in through the browser: wharf login" + (c.tenantRealm() ? " --realm " + c.realm()
                    : "") + "; or set WHARF_PASSWORD (or --password), or WHARF_TOKEN with a bearer token");
        }
        HttpResponse<String> r = http.send(TokenRequest.build(c, Http.REQUEST_TIMEOUT), "Keycloak",
                "is the platform running (./wharf status)? Otherwise set --keycloak-url or WHARF_KEYCLOAK_URL");
        JsonNode body = parse(json, r.body());
        if (r.statusCode() == 200 && body.hasNonNull("access_token")) {
            return body.get("access_token").asText();
        }
        String error = body.path("error").asText("");
        String description = body.path("error_description").asText(body.path("error").asText(r.body()));
        String who = c.tenantRealm() ? "administrator " + c.user() + " of tenant " + c.realm() + " (user "
                + c.signInUser() + " in realm " + c.signInRealm() + ")" : "user " + c.user() + " in realm " + c.realm();
        if (r.statusCode() == 404) {
            throw CliException.unreachable("sign-in failed: Keycloak has no realm " + c.signInRealm(),
                    "set --realm (WHARF_REALM): master for operators, the tenant id for its administrators");
        }
        if (error.equals("invalid_client") || error.equals("unauthorized_client")) {
            throw CliException.unreachable("sign-in failed: realm " + c.signInRealm() + " has no usable client "
                    + TokenRequest.CLIENT_ID + " (" + description + ")",
                    "identity-service creates the client in realm " + Connection.TENANTS_REALM + " (tenant "
                            + "administrators) and in master (operators) when it starts");
        }
        if (description.contains("not fully set up")) {
            throw CliException.unreachable("sign-in failed for " + who + ": the account is not fully set up",
                    "finish it in the portal: " + c.keycloakUrl() + "/realms/" + c.signInRealm() + "/account");
        }
        throw CliException.unreachable("sign-in failed for " + who + ": " + description,
                "check --user and --password (WHARF_USER, WHARF_PASSWORD)");
    }

    /** A token endpoint's JSON answer; an empty object when it is empty or not JSON (the status tells the rest). */
    static JsonNode parse(ObjectMapper json, String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}
