package dev.wharf.identity.otp;

/**
 * The answer to a TOTP enrolment, shown once: the base32 {@code secret} and the {@code otpauth://} URI an
 * authenticator app scans (the CLI draws it as a QR code).
 */
public record OtpEnrolment(String username, String secret, String otpauthUri) {
    @Override
    public String toString() {
        return "OtpEnrolment[username=" + username + "]";
    }
}
