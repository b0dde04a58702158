package dev.wharf.api.grant;

import dev.wharf.core.access.AccessRules;
import dev.wharf.core.quota.Quota;
import dev.wharf.core.quota.SiteQuota;

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
 * @param access    the folder rules of the user and its groups at issue time, paths relative to {@code home}
 * @param quota     the user's storage limits at issue time ({@link Quota#NONE}: none)
 * @param siteQuota the tenant's and its shared folders' storage limits at issue time ({@link SiteQuota#NONE}: none)
 */
public record GrantClaims(String scope, String tenant, String username, String userId, String home, String protocol,
                          String sessionId, Instant issuedAt, Instant expiresAt, Instant loginAt, AccessRules access,
                          Quota quota, SiteQuota siteQuota) {
    public GrantClaims {
        access = access == null ? AccessRules.NONE : access;
        quota = quota == null ? Quota.NONE : quota;
        siteQuota = siteQuota == null ? SiteQuota.NONE : siteQuota;
    }

    /** Claims without site limits. */
    public GrantClaims(String scope, String tenant, String username, String userId, String home, String protocol,
                       String sessionId, Instant issuedAt, Instant expiresAt, Instant loginAt, AccessRules access,
                       Quota quota) {
        this(scope, tenant, username, userId, home, protocol, sessionId, issuedAt, expiresAt, loginAt, access, quota,
                SiteQuota.NONE);
    }

    /** Claims without storage limits. */
    public GrantClaims(String scope, String tenant, String username, String userId, String home, String protocol,
                       String sessionId, Instant issuedAt, Instant expiresAt, Instant loginAt, AccessRules access) {
        this(scope, tenant, username, userId, home, protocol, sessionId, issuedAt, expiresAt, loginAt, access,
                Quota.NONE);
    }

    /** Claims without folder rules. */
    public GrantClaims(String scope, String tenant, String username, String userId, String home, String protocol,
                       String sessionId, Instant issuedAt, Instant expiresAt, Instant loginAt) {
        this(scope, tenant, username, userId, home, protocol, sessionId, issuedAt, expiresAt, loginAt, AccessRules.NONE);
    }

    public static final String SESSION = "session";
    public static final String TENANT_PURGE = "tenant-purge";

    /**
     * The claims of a renewal: a new validity window, the user's home, rules and limits and the site's limits as they
     * are now; the rest is kept.
     */
    public GrantClaims renewed(String newHome, AccessRules newAccess, Quota newQuota, SiteQuota newSiteQuota,
                               Instant from, Instant until) {
        return new GrantClaims(scope, tenant, username, userId, newHome, protocol, sessionId, from, until, loginAt,
                newAccess, newQuota, newSiteQuota);
    }
}
