package dev.wharf.identity.tenant;

/** The realm roles that open the admin API: {@code admin} in the admin realm, {@code wharf-tenant-admin} in a tenant. */
public final class AdminRole {
    /** Realm role of platform operators in the admin realm. */
    public static final String NAME = "admin";
    /** Realm role of a tenant's administrators in the tenant's own realm. */
    public static final String TENANT_ADMIN = "wharf-tenant-admin";

    private AdminRole() {
    }
}
