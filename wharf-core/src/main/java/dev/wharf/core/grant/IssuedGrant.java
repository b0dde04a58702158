package dev.wharf.core.grant;

import java.time.Instant;

/**
 * A grant as identity-service issued it: the signed token (opaque here) and when it stops being accepted.
 *
 * @param token     compact JWS; never logged ({@link #toString()} omits it)
 * @param expiresAt after this instant storage-service refuses a new call made with it
 */
public record IssuedGrant(String token, Instant expiresAt) {
    public IssuedGrant {
        if (token == null || token.isBlank() || expiresAt == null) {
            throw new IllegalArgumentException("a grant needs a token and an expiry");
        }
    }

    @Override
    public String toString() {
        return "IssuedGrant[expiresAt=" + expiresAt + "]";
    }
}
