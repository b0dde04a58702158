package dev.wharf.keycloak.audit;

import dev.wharf.core.tenant.TenantUserName;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.List;
import java.util.Optional;

/**
 * Who is who in the tenant realm (docs/TENANCY.md): user {@code northwind.alice} is {@code alice} of tenant
 * {@code northwind}; a user without the prefix belongs to its one organization; a group belongs to the tenant its
 * top-level group is named after.
 */
final class TenantRealmNames {
    /** Group levels walked up at most: tenant groups are two levels deep. */
    private static final int MAX_DEPTH = 32;

    private TenantRealmNames() {
    }

    /** The tenant and plain name of a user of the tenant realm, or empty when it belongs to no tenant (or to several). */
    static Optional<TenantUserName> user(KeycloakSession session, UserModel user) {
        if (user == null) {
            return Optional.empty();
        }
        Optional<TenantUserName> prefixed = TenantUserName.parse(user.getUsername());
        if (prefixed.isPresent()) {
            return prefixed;
        }
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        List<String> tenants = orgs == null ? List.of()
                : orgs.getByMember(user).map(OrganizationModel::getAlias).limit(2).toList();
        return tenants.size() == 1 && TenantUserName.isTenantId(tenants.get(0))
                ? Optional.of(new TenantUserName(tenants.get(0), user.getUsername())) : Optional.empty();
    }

    /** The tenant a group of the tenant realm belongs to: the name of its top-level group, when that is a tenant id. */
    static Optional<String> group(GroupModel group) {
        GroupModel g = group;
        for (int i = 0; g != null && g.getParent() != null && i < MAX_DEPTH; i++) {
            g = g.getParent();
        }
        return Optional.ofNullable(g).map(GroupModel::getName).filter(TenantUserName::isTenantId);
    }
}
