package dev.wharf.cli.api;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns an error answer into an {@link ApiException} whose hints say what to do about it. */
final class ApiErrors {
    private ApiErrors() {
    }

    static ApiException from(String service, String method, String path, int status, JsonNode body, Connection c) {
        String reason = body.path("reason").asText("");
        String message = body.path("message").asText("");
        if (reason.isEmpty()) {
            reason = switch (status) {
                case 401 -> "not_signed_in";
                case 403 -> "permission_denied";
                case 404 -> "not_found";
                case 503 -> "service_unavailable";
                default -> status >= 500 ? "internal_error" : "bad_request";
            };
        }
        if (message.isEmpty()) {
            message = service + " answered " + status + " to " + method + " " + path;
        }
        if (body.path("reason").isMissingNode() && (status == 404 || status == 405)) {
            // no Wharf error body: the route itself is missing, not the tenant or user
            return new ApiException(status, "not_supported", service + " has no " + method + " " + path.replaceAll(
                    "\\?.*", ""), "is " + service + " older than this command line? Update and restart it");
        }
        return new ApiException(status, reason, message, hint(status, reason, c));
    }

    private static String[] hint(int status, String reason, Connection c) {
        if (status == 401) {
            return new String[] {"the token was refused: sign in again (check WHARF_TOKEN, or --user/--password"
                    + " and --keycloak-url: it must be the Keycloak the service uses)"};
        }
        return switch (reason) {
            case "unknown_tenant" -> new String[] {"list the tenants with: ./wharf tenant list"};
            case "permission_denied" -> new String[] {c.tenantRealm()
                    ? "signed in as an administrator of tenant " + c.realm() + ": it manages only its own users, groups,"
                            + " keys and settings; tenants themselves and bans are for operators (--realm master)"
                    : "user " + c.user() + " needs the realm role wharf-operator in master (a platform operator;"
                            + " identity-service gives it to its own admin account)"};
            case "service_unavailable" -> new String[] {"the service cannot reach Keycloak: check ./wharf status"};
            default -> new String[0];
        };
    }
}
