package dev.wharf.core.tenant;

/**
 * Where tenants live in Keycloak (docs/TENANCY.md), one switch with the same values in every service
 * ({@code wharf.identity.tenancy}, {@code wharf.keycloak.tenancy}, {@code wharf.web.tenancy}): they must agree.
 */
public enum Tenancy {
    /** One realm per tenant, named after it (the model before issue 17; kept to read tenants not moved yet). */
    REALMS,
    /**
     * Organizations of one tenant realm; user {@code alice} of {@code northwind} is {@code northwind.alice}. The
     * default since issue 17 (docs/DECISIONS.md, "Tenancy model").
     */
    ORGANIZATIONS;

    /**
     * The model a service runs when its key is unset: the one default of {@code wharf.identity.tenancy},
     * {@code wharf.keycloak.tenancy} and {@code wharf.web.tenancy} (the CLI's {@code WHARF_TENANCY}, which does not
     * depend on this module, keeps the same value in {@code Connection}).
     */
    public static final String DEFAULT = "organizations";
}
