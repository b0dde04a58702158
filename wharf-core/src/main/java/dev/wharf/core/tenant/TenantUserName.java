package dev.wharf.core.tenant;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant's user as Keycloak's tenant realm names it (docs/TENANCY.md): user {@code alice} of tenant
 * {@code northwind} is {@code northwind.alice}. Tenant ids are DNS labels and never hold a dot, so the first dot
 * separates; the user part may hold dots of its own.
 *
 * @param tenant the tenant id
 * @param user   the user name Wharf shows (gateways, CLI, audit)
 */
public record TenantUserName(String tenant, String user) {
    /** A tenant id: a lower-case DNS label. */
    private static final Pattern TENANT = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    public TenantUserName {
        if (!isTenantId(tenant) || user == null || user.isEmpty()) {
            throw new IllegalArgumentException("not a tenant user: " + tenant + " / " + user);
        }
    }

    /** Whether {@code id} can be a tenant id (a lower-case DNS label, so never with a dot). */
    public static boolean isTenantId(String id) {
        return id != null && TENANT.matcher(id).matches();
    }

    /** {@code <tenant>.<user>}, the name Keycloak knows. */
    public String qualified() {
        return tenant + "." + user;
    }

    /**
     * The tenant and user of a qualified name (Keycloak lower-cases user names; the tenant is compared in lower
     * case), or empty when the name has no tenant prefix.
     */
    public static Optional<TenantUserName> parse(String qualified) {
        if (qualified == null) {
            return Optional.empty();
        }
        int dot = qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1) {
            return Optional.empty();
        }
        String tenant = qualified.substring(0, dot).toLowerCase(Locale.ROOT);
        return isTenantId(tenant) ? Optional.of(new TenantUserName(tenant, qualified.substring(dot + 1)))
                : Optional.empty();
    }

    /** Whether the qualified name is a user of {@code tenant}. */
    public static boolean belongsTo(String qualified, String tenant) {
        return parse(qualified).map(n -> n.tenant().equals(tenant)).orElse(false);
    }
}
