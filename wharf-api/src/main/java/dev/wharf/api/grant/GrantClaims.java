package dev.wharf.api.grant;

import java.time.Instant;

/**
 * What a grant says: who may touch which part of which tenant's files, for which session, until when.
 *
 * @param scope     {@link #SESSION} for a login's grant (files under {@code home} only), {@link #TENANT_PURGE} for
 *                  identity-service removing a deleted tenant's files
 * @param home      absolute folder inside the tenant the holder may reach ({@code /} = the whole tenant)
 * @param protocol  wire name of the session's protocol; null for service grants
 * @param sessionId the gateway session; null for service grants
 * @param loginAt   when the session logged in: renewals stop a fixed time after it
 */
public record GrantClaims(String scope, String tenant, String username, String userId, String home, String protocol,
                          String sessionId, Instant issuedAt, Instant expiresAt, Instant loginAt) {
    public static final String SESSION = "session";
    public static final String TENANT_PURGE = "tenant-purge";

    /** The claims of a renewal: a new validity window and the user's home as it is now; the rest is kept. */
    public GrantClaims renewed(String newHome, Instant from, Instant until) {
        return new GrantClaims(scope, tenant, username, userId, newHome, protocol, sessionId, from, until, loginAt);
    }
}
