package dev.wharf.core.grant;

import dev.wharf.core.access.AccessRules;
import dev.wharf.core.bandwidth.Bandwidth;

import java.time.Instant;

/**
 * A grant as identity-service issued it: the signed token (opaque here) and when it stops being accepted.
 *
 * @param token     compact JWS; never logged ({@link #toString()} omits it)
 * @param expiresAt after this instant storage-service refuses a new call made with it
 * @param access    the folder rules the token carries, readable for the gateway's own check (storage-service
 *                  checks the token's signed copy)
 * @param bandwidth the user's transfer rate limits at issue time, which the gateway's throttle applies
 */
public record IssuedGrant(String token, Instant expiresAt, AccessRules access, Bandwidth bandwidth) {
    public IssuedGrant {
        if (token == null || token.isBlank() || expiresAt == null) {
            throw new IllegalArgumentException("a grant needs a token and an expiry");
        }
        access = access == null ? AccessRules.NONE : access;
        bandwidth = bandwidth == null ? Bandwidth.NONE : bandwidth;
    }

    /** A grant without rate limits. */
    public IssuedGrant(String token, Instant expiresAt, AccessRules access) {
        this(token, expiresAt, access, Bandwidth.NONE);
    }

    /** A grant without folder rules. */
    public IssuedGrant(String token, Instant expiresAt) {
        this(token, expiresAt, AccessRules.NONE);
    }

    /** This grant with the user's rate limits (they travel beside the token: storage-service has no use for them). */
    public IssuedGrant withBandwidth(Bandwidth limits) {
        return new IssuedGrant(token, expiresAt, access, limits);
    }

    @Override
    public String toString() {
        return "IssuedGrant[expiresAt=" + expiresAt + "]";
    }
}
