package dev.wharf.identity.tenant;

import dev.wharf.core.Reason;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a tenant is in Keycloak (docs/TENANCY.md): a realm of its own ({@link RealmTenantDirectory}) or an
 * organization in the shared realm ({@link OrganizationTenantDirectory}). Callers know tenant ids and Wharf user
 * names only; where the tenant's users live and what Keycloak calls them is answered here. Ids passed in are valid
 * tenant ids (TenantIds) and never the admin realm: {@link TenantService} checks that first.
 */
public interface TenantDirectory {
    /** The tenant, if there is one of this id (a realm or organization that is not a Wharf tenant is none). */
    Optional<TenantRecord> find(String id);

    /**
     * Creates the tenant with these attributes and everything it needs to log users in; a half-made tenant is
     * removed again. Fails with {@code already_exists} when the id is taken.
     */
    void create(String id, Map<String, String> attributes);

    /** Every tenant id, sorted. */
    List<String> ids();

    /** The tenant that made {@code host} (lower case, no trailing dot) its own host name, if it is enabled. */
    Optional<String> tenantOfHost(String host);

    void setEnabled(String id, boolean enabled);

    /** Replaces the tenant's attributes as a whole. */
    void setAttributes(String id, Map<String, String> attributes);

    /** Removes the tenant's users, groups, settings and host names from Keycloak; its id is free afterwards. */
    void delete(String id);

    /**
     * {@link #find}, as logins read it: where the model caches it, up to a few seconds old (changes made through
     * this replica are seen at once); the admin API always reads {@link #find}.
     */
    default Optional<TenantRecord> findRecent(String id) {
        return find(id);
    }

    /**
     * Why the tenant's users may not log in now ({@code unknown_tenant}, {@code tenant_disabled}) when the model
     * leaves that to Wharf; empty when they may, or when Keycloak refuses them itself (a disabled realm).
     */
    Optional<Reason> loginRefusal(String tenant);

    /** The Keycloak realm that holds the tenant's users and signs their tokens. */
    String realm(String tenant);

    /** The Keycloak user name of the tenant's user {@code username}. */
    String keycloakUsername(String tenant, String username);

    /** The Wharf user name of a Keycloak user name, if that user belongs to the tenant. */
    Optional<String> wharfUsername(String tenant, String keycloakUsername);

    /** The tenant's group name of a Keycloak group path or name as tokens carry it ({@code /finance}). */
    Optional<String> groupName(String tenant, String keycloakGroup);

    /**
     * Brings what existing tenants need up to date (user profile, password-check client, admin access); run at
     * start. One tenant's failure is logged and does not stop the others.
     */
    void repair();

    /**
     * Makes sure tenant administrators can sign in for the tenant (the role and the admin-API client); called
     * before a grant, for tenants made before either existed.
     */
    void ensureAdminAccess(String tenant);

    /** Makes sure the tenant can check passwords without a second factor (client and flow); idempotent. */
    void ensurePasswordCheck(String tenant);
}
