package dev.wharf.identity.tenant;

import java.util.List;

/**
 * A tenant as {@code GET /v1/admin/tenants/{t}} shows it.
 *
 * @param portalUrl its users' web portal (Keycloak's account console of the realm)
 * @param hostnames every host name users reach it by: {@code <tenant>.<base domain>} first, then its own
 */
public record Tenant(String id, boolean enabled, SiteSettings settings, String portalUrl, List<String> hostnames) {
}
