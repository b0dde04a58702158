package dev.wharf.identity.authn;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * HMAC-SHA256 of tenant, user and credential: lets identity-service recognise a password or code it has seen
 * checked without keeping it. The key is {@code wharf.identity.shared-state.key} when set (every replica computes
 * the same digests, so grace windows and seen codes are shared), else random per process (the digest is worthless
 * outside it).
 */
@ApplicationScoped
public class CredentialDigest {
    private static final Logger LOG = Logger.getLogger(CredentialDigest.class);
    private static final int MIN_KEY_LENGTH = 16;

    private final SecretKeySpec key;
    private final boolean shared;

    /** A random key: digests are this process's alone. */
    public CredentialDigest() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        key = new SecretKeySpec(k, "HmacSHA256");
        shared = false;
    }

    /** The shared key when configured; a random one otherwise, said once in the log. */
    @Inject
    public CredentialDigest(SharedStateConfig config) {
        this(config.key().filter(k -> !k.isBlank()).orElse(null));
    }

    /** {@code sharedKey} null: a random key. */
    public CredentialDigest(String sharedKey) {
        if (sharedKey == null) {
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            key = new SecretKeySpec(k, "HmacSHA256");
            shared = false;
            LOG.info("wharf.identity.shared-state.key is not set: 2FA grace windows and seen codes are recognised "
                    + "only by the replica that saw the login (per replica)");
            return;
        }
        if (sharedKey.length() < MIN_KEY_LENGTH) {
            LOG.warnf("wharf.identity.shared-state.key is shorter than %d characters: use a long random secret",
                    MIN_KEY_LENGTH);
        }
        try {
            // a fixed-length key of the configured secret, separated from any other use of the same secret
            byte[] k = MessageDigest.getInstance("SHA-256")
                    .digest(("wharf-credential-digest\0" + sharedKey).getBytes(StandardCharsets.UTF_8));
            key = new SecretKeySpec(k, "HmacSHA256");
            shared = true;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Whether every replica configured alike computes the same digests. */
    public boolean shared() {
        return shared;
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
