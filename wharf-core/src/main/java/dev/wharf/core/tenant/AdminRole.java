package dev.wharf.core.tenant;

/**
 * The realm roles that open the admin API: {@code wharf-operator} in the admin realm, {@code wharf-tenant-admin} in a
 * tenant. Neither is composite, and each is the only role in its realm's admin-API client scope, so a token carries
 * one role whatever the number of tenants (docs/DECISIONS.md, "Tokens that do not grow with the tenants").
 */
public final class AdminRole {
    /** Realm role of platform operators in the admin realm. */
    public static final String OPERATOR = "wharf-operator";
    /** Realm role of a tenant's administrators in the tenant's own realm. */
    public static final String TENANT_ADMIN = "wharf-tenant-admin";

    private AdminRole() {
    }
}
