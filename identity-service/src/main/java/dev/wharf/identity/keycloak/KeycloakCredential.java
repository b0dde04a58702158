package dev.wharf.identity.keycloak;

/** One of a user's Keycloak credentials: its id and type ({@code password}, {@code otp}, ...), never its secret. */
public record KeycloakCredential(String id, String type) {
    /** Keycloak's credential type of TOTP/HOTP second factors. */
    public static final String OTP = "otp";
}
