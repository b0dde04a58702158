package dev.wharf.api.grant;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wharf.core.access.AccessRules;
import dev.wharf.core.bandwidth.Bandwidth;
import dev.wharf.core.grant.IssuedGrant;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/grants/renew}: the gateway sends a session's grant ({@code expiresAt} absent), identity-service
 * answers the new one with its expiry, the folder rules it carries ({@code access}; absent: none) and the user's
 * rate limits ({@code bandwidth}, {@code {"upload", "download"}} bytes per second; absent: none).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrantRenewal(String grant, Instant expiresAt, List<Map<String, String>> access,
                           Map<String, Long> bandwidth) {
    public GrantRenewal(String grant, Instant expiresAt) {
        this(grant, expiresAt, null, null);
    }

    /** The answer carrying {@code g}: its token, expiry, and the rules and limits that are set. */
    public static GrantRenewal of(IssuedGrant g) {
        return new GrantRenewal(g.token(), g.expiresAt(), g.access().rules().isEmpty() ? null : g.access().toWire(),
                g.bandwidth().unlimited() ? null : g.bandwidth().toWire());
    }

    /** The grant this answer carries. */
    public IssuedGrant toIssuedGrant() {
        return new IssuedGrant(grant, expiresAt, AccessRules.fromWire(access), Bandwidth.fromWire(bandwidth));
    }

    @Override
    public String toString() {
        return "GrantRenewal[expiresAt=" + expiresAt + "]";
    }
}
