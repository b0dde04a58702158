package dev.wharf.identity.otp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The secret's encoding and the URI an authenticator app scans. */
class OtpSecretTest {
    @Test
    void base32IsRfc4648WithoutPadding() {
        // RFC 6238's test secret and RFC 4648's test vectors
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
                Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6YQ", Base32.encode("foob".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MY", Base32.encode("f".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("", Base32.encode(new byte[0]));
    }

    @Test
    void theUriNamesTheTenantAndTheUser() {
        assertEquals("otpauth://totp/Wharf%20acme:alice?secret=ABC&issuer=Wharf%20acme&algorithm=SHA1&digits=6"
                + "&period=30", OtpService.otpauthUri("acme", "alice", "ABC"));
    }
}
