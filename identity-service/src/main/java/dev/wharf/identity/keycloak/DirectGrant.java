package dev.wharf.identity.keycloak;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Keycloak's token endpoint as a password checker: the OAuth 2.0 resource owner password grant
 * ("direct access grant") against a tenant's realm.
 */
public interface DirectGrant {
    /**
     * Checks a password (and a TOTP code, when given). Refusals come back as {@link Refused}; only an unreachable
     * or failing Keycloak throws ({@link KeycloakUnavailableException}).
     */
    Result passwordGrant(String realm, String clientId, String username, String password, String totp);

    /** Ends the Keycloak session a grant opened, in the background; failures are only logged. */
    void endSession(String realm, String clientId, String refreshToken);

    /** The outcome of a password grant. */
    sealed interface Result permits Granted, Refused {
    }

    /** The password was accepted; {@code claims} is the access token's payload, read from Keycloak's own answer. */
    record Granted(JsonNode claims, String refreshToken) implements Result {
        @Override
        public String toString() {
            return "Granted[sub=" + claims.path("sub").asText() + "]";
        }
    }

    /** Keycloak refused: its HTTP status, OAuth {@code error} and {@code error_description}. */
    record Refused(int status, String error, String description) implements Result {
    }
}
