package dev.wharf.identity.authn;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * HMAC-SHA256 of tenant, user and password under a random key made at start-up: lets this process recognise a
 * password it has seen checked without keeping the password, and the digest is worthless outside the process.
 */
@ApplicationScoped
public class CredentialDigest {
    private final SecretKeySpec key;

    public CredentialDigest() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        key = new SecretKeySpec(k, "HmacSHA256");
    }

    public byte[] digest(String tenant, String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // NUL separators: no two different triples make the same input
            mac.update((tenant + '\0' + username + '\0').getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Constant-time comparison. */
    public static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
