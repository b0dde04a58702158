package dev.wharf.core.grant;

import dev.wharf.core.access.AccessRules;

import java.time.Instant;

/**
 * A grant as identity-service issued it: the signed token (opaque here) and when it stops being accepted.
 *
 * @param token     compact JWS; never logged ({@link #toString()} omits it)
 * @param expiresAt after this instant storage-service refuses a new call made with it
 * @param access    the folder rules the token carries, readable for the gateway's own check (storage-service
 *                  checks the token's signed copy)
 */
public record IssuedGrant(String token, Instant expiresAt, AccessRules access) {
    public IssuedGrant {
        if (token == null || token.isBlank() || expiresAt == null) {
            throw new IllegalArgumentException("a grant needs a token and an expiry");
        }
        access = access == null ? AccessRules.NONE : access;
    }

    /** A grant without folder rules. */
    public IssuedGrant(String token, Instant expiresAt) {
        this(token, expiresAt, AccessRules.NONE);
    }

    @Override
    public String toString() {
        return "IssuedGrant[expiresAt=" + expiresAt + "]";
    }
}
