package dev.wharf.identity.keycloak;

/**
 * Keycloak's admin API refused a call with a 4xx status; the caller decides what that means (409: already
 * exists, 404: no such realm or user, 400: invalid input with Keycloak's {@code errorMessage}).
 */
public class KeycloakErrorException extends RuntimeException {
    private final int status;
    private final String errorMessage;

    public KeycloakErrorException(String call, int status, String errorMessage) {
        super(call + ": HTTP " + status + (errorMessage == null ? "" : " " + errorMessage));
        this.status = status;
        this.errorMessage = errorMessage;
    }

    public int status() {
        return status;
    }

    /** Keycloak's {@code errorMessage} or {@code error} field, when the body had one. */
    public String errorMessage() {
        return errorMessage;
    }
}
