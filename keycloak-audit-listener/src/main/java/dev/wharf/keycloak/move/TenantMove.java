package dev.wharf.keycloak.move;

import dev.wharf.core.tenant.TenantUserName;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.managers.RealmManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves a tenant of the realm-per-tenant model into its organization of the shared realm (docs/TENANCY.md, "Moving
 * existing tenants"): users with their credentials as stored (password hashes, OTP secrets: Keycloak's admin API
 * never answers them, so only code inside Keycloak can copy them), attributes, required actions, groups (under
 * the tenant's group {@code /<tenant>}), realm roles the shared realm has by name, and the organization's
 * membership; then the tenant's realm is removed. All of it runs in the one transaction of the request: it
 * happens whole or not at all.
 */
final class TenantMove {
    /** User attributes Keycloak keeps as fields: set through their setters, not copied as attributes. */
    private static final Set<String> FIELDS = Set.of(UserModel.USERNAME, UserModel.EMAIL, UserModel.FIRST_NAME,
            UserModel.LAST_NAME, UserModel.EMAIL_VERIFIED, UserModel.ENABLED);
    /** Group levels copied at most: a tenant's groups are one level deep, this only bounds a hand-made tree. */
    private static final int MAX_DEPTH = 16;

    /** What moved. */
    record Moved(int users, int groups, int credentials) {
    }

    private final KeycloakSession session;
    private final RealmModel from;
    private final RealmModel to;
    private final String tenant;

    TenantMove(KeycloakSession session, RealmModel from, RealmModel to) {
        this.session = session;
        this.from = from;
        this.to = to;
        this.tenant = from.getName();
    }

    /** Fails with {@link IllegalStateException} (nothing changed) when the target is not ready for the tenant. */
    Moved run() {
        session.getContext().setRealm(to);
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        OrganizationModel org = orgs == null ? null : orgs.getByAlias(tenant);
        if (org == null) {
            throw new IllegalStateException("realm " + to.getName() + " has no organization " + tenant
                    + ": identity-service creates it first");
        }
        GroupModel root = KeycloakModelUtils.findGroupByPath(session, to, "/" + tenant);
        if (root == null) {
            throw new IllegalStateException("realm " + to.getName() + " has no group /" + tenant);
        }
        Map<String, GroupModel> groups = new HashMap<>();
        int[] groupCount = {0};
        session.groups().getTopLevelGroupsStream(from).toList()
                .forEach(g -> copyGroup(g, root, groups, groupCount, 0));
        int users = 0;
        int credentials = 0;
        List<UserModel> all = session.users().searchForUserStream(from,
                Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), null, null).toList();
        for (UserModel user : all) {
            if (user.getServiceAccountClientLink() != null) {
                continue;
            }
            credentials += copyUser(user, orgs, org, groups);
            users++;
        }
        session.getContext().setRealm(from);
        if (!new RealmManager(session).removeRealm(from)) {
            throw new IllegalStateException("Keycloak did not remove realm " + tenant);
        }
        session.getContext().setRealm(to);
        return new Moved(users, groupCount[0], credentials);
    }

    private void copyGroup(GroupModel source, GroupModel parent, Map<String, GroupModel> copies, int[] count,
                           int depth) {
        if (depth >= MAX_DEPTH) {
            return;
        }
        GroupModel copy = parent.getSubGroupsStream().filter(g -> g.getName().equals(source.getName())).findFirst()
                .orElseGet(() -> session.groups().createGroup(to, source.getName(), parent));
        source.getAttributes().forEach(copy::setAttribute);
        copies.put(source.getId(), copy);
        count[0]++;
        source.getSubGroupsStream().toList().forEach(s -> copyGroup(s, copy, copies, count, depth + 1));
    }

    private int copyUser(UserModel source, OrganizationProvider orgs, OrganizationModel org,
                         Map<String, GroupModel> groups) {
        String name = new TenantUserName(tenant, source.getUsername()).qualified();
        UserModel copy = session.users().addUser(to, null, name, true, false);
        copy.setCreatedTimestamp(source.getCreatedTimestamp());
        copy.setEnabled(source.isEnabled());
        copy.setEmail(source.getEmail());
        copy.setEmailVerified(source.isEmailVerified());
        copy.setFirstName(source.getFirstName());
        copy.setLastName(source.getLastName());
        source.getAttributes().forEach((k, v) -> {
            if (!FIELDS.contains(k)) {
                copy.setAttribute(k, v);
            }
        });
        source.getRequiredActionsStream().forEach(copy::addRequiredAction);
        int[] credentials = {0};
        source.credentialManager().getStoredCredentialsStream().toList().forEach(c -> {
            CredentialModel moved = new CredentialModel();
            moved.setType(c.getType());
            moved.setUserLabel(c.getUserLabel());
            moved.setCreatedDate(c.getCreatedDate());
            moved.setSecretData(c.getSecretData());
            moved.setCredentialData(c.getCredentialData());
            copy.credentialManager().createStoredCredential(moved);
            credentials[0]++;
        });
        source.getGroupsStream().map(g -> groups.get(g.getId())).filter(g -> g != null).forEach(copy::joinGroup);
        source.getRealmRoleMappingsStream().map(RoleModel::getName).map(to::getRole)
                .filter(r -> r != null && !r.equals(to.getDefaultRole())).forEach(copy::grantRole);
        if (!orgs.addMember(org, copy)) {
            throw new IllegalStateException("Keycloak did not add " + name + " to organization " + tenant);
        }
        return credentials[0];
    }
}
