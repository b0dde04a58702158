package dev.wharf.identity.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.identity.keycloak.BruteForceStatus;
import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakCredential;
import dev.wharf.identity.keycloak.KeycloakErrorException;
import dev.wharf.identity.keycloak.KeycloakGroup;
import dev.wharf.identity.keycloak.KeycloakUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TenantAccounts} of tenants as organizations: users are the organization's members named
 * {@code <tenant>.<name>} in the shared realm, groups the subgroups of {@code /<tenant>}. Names are qualified on the
 * way in and stripped on the way out; a Keycloak user of another tenant is never answered.
 */
@ApplicationScoped
@Typed(OrganizationTenantAccounts.class)
public class OrganizationTenantAccounts implements TenantAccounts {
    private static final int MAX_GROUPS = 10_000;
    private static final int SEARCH_MAX = 100;

    private final KeycloakAdmin keycloak;
    private final OrganizationTenantDirectory directory;
    private final String realm;

    @Inject
    public OrganizationTenantAccounts(KeycloakAdmin keycloak, OrganizationTenantDirectory directory) {
        this.keycloak = keycloak;
        this.directory = directory;
        this.realm = directory.realm(null);
    }

    @Override
    public String createUser(String tenant, Map<String, Object> user) {
        String orgId = orgId(tenant);
        Map<String, Object> rep = new LinkedHashMap<>(user);
        rep.put("username", directory.keycloakUsername(tenant, (String) user.get("username")));
        String id = keycloak.createUser(realm, rep);
        try {
            keycloak.addOrganizationMember(realm, orgId, id);
        } catch (RuntimeException e) {
            keycloak.deleteUser(realm, id); // a user outside its organization would belong to no tenant
            throw e;
        }
        return id;
    }

    @Override
    public void resetPassword(String tenant, String userId, String password) {
        keycloak.resetPassword(realm, userId, password);
    }

    @Override
    public List<KeycloakUser> users(String tenant, int first, int max) {
        return wharfUsers(tenant, keycloak.organizationMembers(realm, orgId(tenant), first, max));
    }

    @Override
    public Optional<KeycloakUser> userByUsername(String tenant, String username) {
        return keycloak.userByUsername(realm, directory.keycloakUsername(tenant, username))
                .flatMap(u -> wharfUser(tenant, u));
    }

    @Override
    public List<KeycloakUser> usersByAttribute(String tenant, String attribute, String value) {
        // values are unique per tenant, not per realm (API key names): other tenants' users are dropped
        return wharfUsers(tenant, keycloak.usersByAttribute(realm, attribute, value));
    }

    @Override
    public List<String> userGroups(String tenant, String userId) {
        List<String> out = new ArrayList<>();
        keycloak.userGroupPaths(realm, userId).forEach(p -> directory.groupName(tenant, p).ifPresent(out::add));
        return out;
    }

    @Override
    public List<String> userRealmRoles(String tenant, String userId) {
        return keycloak.userRealmRoles(realm, userId);
    }

    @Override
    public JsonNode userRepresentation(String tenant, String userId) {
        return keycloak.userRepresentation(realm, userId);
    }

    @Override
    public void updateUser(String tenant, String userId, JsonNode user) {
        keycloak.updateUser(realm, userId, user);
    }

    @Override
    public List<KeycloakCredential> credentials(String tenant, String userId) {
        return keycloak.credentials(realm, userId);
    }

    @Override
    public void deleteCredential(String tenant, String userId, String credentialId) {
        keycloak.deleteCredential(realm, userId, credentialId);
    }

    @Override
    public BruteForceStatus bruteForceStatus(String tenant, String userId) {
        return keycloak.bruteForceStatus(realm, userId);
    }

    @Override
    public void deleteUser(String tenant, String userId) {
        keycloak.deleteUser(realm, userId);
    }

    @Override
    public Optional<JsonNode> realmRole(String tenant, String role) {
        return keycloak.realmRole(realm, role);
    }

    @Override
    public void grantRealmRole(String tenant, String userId, JsonNode role) {
        keycloak.grantRealmRole(realm, userId, role);
    }

    @Override
    public void revokeRealmRole(String tenant, String userId, JsonNode role) {
        keycloak.revokeRealmRole(realm, userId, role);
    }

    /**
     * Keycloak's users with the role, one page of them, filtered to the tenant's: a page may hold fewer than
     * {@code max} and the caller goes on while Keycloak's pages are full.
     */
    @Override
    public List<KeycloakUser> usersWithRealmRole(String tenant, String role, int first, int max) {
        List<KeycloakUser> all = keycloak.usersWithRealmRole(realm, role, first, max);
        List<KeycloakUser> mine = wharfUsers(tenant, all);
        if (all.size() == max && mine.size() < max) {
            // keep "a short page is the last" true for callers: pad is not possible, so read on until full or done
            List<KeycloakUser> more = new ArrayList<>(mine);
            int next = first + max;
            for (int i = 0; i < SEARCH_MAX && more.size() < max; i++) {
                List<KeycloakUser> page = keycloak.usersWithRealmRole(realm, role, next, max);
                more.addAll(wharfUsers(tenant, page));
                next += max;
                if (page.size() < max) {
                    return more;
                }
            }
            return more;
        }
        return mine;
    }

    @Override
    public List<KeycloakGroup> groups(String tenant) {
        return root(tenant).map(r -> keycloak.subgroups(realm, r.id(), 0, MAX_GROUPS)).orElse(List.of());
    }

    @Override
    public Optional<KeycloakGroup> groupByName(String tenant, String name) {
        return groups(tenant).stream().filter(g -> name.equals(g.name())).findFirst();
    }

    @Override
    public String createGroup(String tenant, Map<String, Object> group) {
        KeycloakGroup root = root(tenant).orElseGet(() -> {
            // a tenant made before its group tree (or whose tree was removed by hand) gets it now
            keycloak.createGroup(realm, Map.of("name", tenant));
            return root(tenant).orElseThrow();
        });
        return keycloak.createSubgroup(realm, root.id(), group);
    }

    @Override
    public void updateGroup(String tenant, String groupId, Map<String, Object> group) {
        keycloak.updateGroup(realm, groupId, group);
    }

    @Override
    public void deleteGroup(String tenant, String groupId) {
        keycloak.deleteGroup(realm, groupId);
    }

    @Override
    public List<KeycloakUser> groupMembers(String tenant, String groupId, int first, int max) {
        return wharfUsers(tenant, keycloak.groupMembers(realm, groupId, first, max));
    }

    @Override
    public void joinGroup(String tenant, String userId, String groupId) {
        keycloak.joinGroup(realm, userId, groupId);
    }

    @Override
    public void leaveGroup(String tenant, String userId, String groupId) {
        keycloak.leaveGroup(realm, userId, groupId);
    }

    private Optional<KeycloakGroup> root(String tenant) {
        return keycloak.groupByPath(realm, "/" + tenant);
    }

    private String orgId(String tenant) {
        return directory.organization(tenant).map(o -> o.path("id").asText())
                .orElseThrow(() -> new KeycloakErrorException("find organization " + tenant, 404,
                        "no organization " + tenant));
    }

    private List<KeycloakUser> wharfUsers(String tenant, List<KeycloakUser> users) {
        List<KeycloakUser> out = new ArrayList<>();
        users.forEach(u -> wharfUser(tenant, u).ifPresent(out::add));
        return out;
    }

    private Optional<KeycloakUser> wharfUser(String tenant, KeycloakUser u) {
        return directory.wharfUsername(tenant, u.username()).map(name -> new KeycloakUser(u.id(), name, u.enabled(),
                u.attributes(), u.requiredActions(), u.totp()));
    }
}
