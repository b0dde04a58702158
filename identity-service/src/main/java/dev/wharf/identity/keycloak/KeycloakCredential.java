package dev.wharf.identity.keycloak;

/**
 * One of a user's Keycloak credentials: its id, type ({@code password}, {@code otp}, ...) and when it was set
 * (null when Keycloak does not say), never its secret.
 */
public record KeycloakCredential(String id, String type, java.time.Instant created) {
    /** Keycloak's credential type of TOTP/HOTP second factors. */
    public static final String OTP = "otp";
    /** Keycloak's credential type of passwords. */
    public static final String PASSWORD = "password";

    public KeycloakCredential(String id, String type) {
        this(id, type, null);
    }
}
