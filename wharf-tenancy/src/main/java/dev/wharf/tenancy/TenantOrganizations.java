package dev.wharf.tenancy;

import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.util.List;
import java.util.Optional;

/**
 * Where a tenant lives in the tenant realm (docs/TENANCY.md): the organization whose alias is the tenant id, and the
 * subgroups of the top-level group named after it. Reads only; the calls are bounded by {@link KeycloakAdminClient}.
 */
public final class TenantOrganizations {
    /** Subgroups read per tenant at most: a bound keeps one answer's size in check. */
    public static final int MAX_GROUPS = 1000;

    private TenantOrganizations() {
    }

    /**
     * The organization with alias {@code tenant} in {@code realm}, attributes included, or empty. Keycloak's
     * {@code q=alias:<alias>} is an exact match; the alias is compared again so that no other organization is read.
     */
    public static Optional<OrganizationRepresentation> organization(KeycloakAdminClient keycloak, String realm,
                                                                    String tenant) {
        String what = "find organization " + tenant + " in realm " + realm;
        List<OrganizationRepresentation> found = keycloak.call(what,
                kc -> kc.realm(realm).organizations().searchByAttribute("alias:" + tenant, 0, 2));
        Optional<String> id = found.stream().filter(o -> tenant.equals(o.getAlias())).map(OrganizationRepresentation::getId)
                .findFirst();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        // the search answers brief representations (no attributes)
        return keycloak.find("read organization " + tenant + " in realm " + realm,
                kc -> kc.realm(realm).organizations().get(id.get()).toRepresentation());
    }

    /** The tenant's groups (subgroups of top-level group {@code /<tenant>}) with their attributes; none without it. */
    public static List<GroupRepresentation> groups(KeycloakAdminClient keycloak, String realm, String tenant) {
        String what = "list groups of tenant " + tenant + " in realm " + realm;
        return keycloak.find(what, kc -> kc.realm(realm).getGroupByPath(tenant))
                .map(top -> keycloak.call(what,
                        kc -> kc.realm(realm).groups().group(top.getId()).getSubGroups(0, MAX_GROUPS, false)))
                .orElse(List.of());
    }
}
