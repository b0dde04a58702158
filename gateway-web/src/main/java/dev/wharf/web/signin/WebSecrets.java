package dev.wharf.web.signin;

import dev.wharf.web.WebConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The portal's secrets, all derived from {@code wharf.web.session-secret} (or one random secret per start): one
 * per purpose, so a cookie key never doubles as the CSRF key.
 */
@ApplicationScoped
public class WebSecrets {
    private static final Logger LOG = Logger.getLogger(WebSecrets.class);
    private static final int MIN_LENGTH = 32;

    private final byte[] master;

    @Inject
    public WebSecrets(WebConfig config) {
        String configured = config.sessionSecret().filter(s -> !s.isBlank()).orElse(null);
        if (configured != null && configured.length() < MIN_LENGTH) {
            throw new IllegalStateException("wharf.web.session-secret must have at least " + MIN_LENGTH
                    + " characters");
        }
        if (configured == null) {
            LOG.info("no wharf.web.session-secret: a random one for this start (portal sessions end on restart)");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            configured = Base64.getEncoder().encodeToString(random);
        }
        this.master = configured.getBytes(StandardCharsets.UTF_8);
    }

    /** Encrypts the state cookie (with the PKCE verifier) during sign-in. */
    String stateSecret() {
        return derive("oidc-state");
    }

    /** Encrypts the session cookie that holds the tokens. */
    String sessionSecret() {
        return derive("oidc-session");
    }

    /** HMAC-SHA256 of {@code text} under the CSRF key, hex. */
    String csrfMac(String text) {
        return HexFormat.of().formatHex(hmac(hmac(master, "csrf"), text));
    }

    private String derive(String purpose) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(master, purpose));
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }
}
