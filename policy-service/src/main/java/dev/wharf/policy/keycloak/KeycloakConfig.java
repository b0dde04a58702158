package dev.wharf.policy.keycloak;

import dev.wharf.core.tenant.Tenancy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Where Keycloak is and how policy-service signs in to read site settings ({@code wharf.keycloak.*}). */
@ConfigMapping(prefix = "wharf.keycloak")
public interface KeycloakConfig {
    /** Keycloak's base URL, without a trailing slash or {@code /realms}. */
    @WithDefault("http://127.0.0.1:8180")
    String url();

    /** The realm of policy-service's admin account; never a tenant. */
    @WithDefault("master")
    String adminRealm();

    /** The admin account that reads realm attributes (password grant, client {@link #tokenClientId()}). */
    @WithDefault("admin")
    String adminUser();

    /** That account's password; required, never logged. */
    String adminPassword();

    /** The public client policy-service gets its own admin token from (Keycloak's built-in one by default). */
    @WithDefault("admin-cli")
    String tokenClientId();

    /** The operators' admin-API client; identity-service's key, accepted here so that one set of keys fits both. */
    @WithDefault("wharf-admin")
    String adminClientId();

    /**
     * Where tenants live: one realm per tenant as before issue 17 (the default until identity-service moves to
     * organizations), or organizations of {@link #tenantRealm()} (a tenant realm not moved yet is still read). The
     * same values as identity-service's {@code wharf.identity.tenancy}; both services must agree.
     */
    @WithDefault(Tenancy.DEFAULT)
    Tenancy tenancy();

    /** The realm whose organizations are the tenants (identity-service's {@code wharf.identity.tenant-realm}). */
    @WithDefault("wharf")
    String tenantRealm();

    /** Timeout of each call to Keycloak. */
    @WithDefault("PT10S")
    Duration timeout();
}
