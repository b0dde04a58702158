package dev.wharf.identity.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.identity.keycloak.BruteForceStatus;
import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakCredential;
import dev.wharf.identity.keycloak.KeycloakGroup;
import dev.wharf.identity.keycloak.KeycloakUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link TenantAccounts} of a realm per tenant: the realm's users and top-level groups, names as they are. */
@ApplicationScoped
@Typed(RealmTenantAccounts.class)
public class RealmTenantAccounts implements TenantAccounts {
    private final KeycloakAdmin keycloak;

    @Inject
    public RealmTenantAccounts(KeycloakAdmin keycloak) {
        this.keycloak = keycloak;
    }

    @Override
    public String createUser(String tenant, Map<String, Object> user) {
        return keycloak.createUser(tenant, user);
    }

    @Override
    public void resetPassword(String tenant, String userId, String password) {
        keycloak.resetPassword(tenant, userId, password);
    }

    @Override
    public List<KeycloakUser> users(String tenant, int first, int max) {
        return keycloak.users(tenant, first, max);
    }

    @Override
    public Optional<KeycloakUser> userByUsername(String tenant, String username) {
        return keycloak.userByUsername(tenant, username);
    }

    @Override
    public List<KeycloakUser> usersByAttribute(String tenant, String attribute, String value) {
        return keycloak.usersByAttribute(tenant, attribute, value);
    }

    @Override
    public List<String> userGroups(String tenant, String userId) {
        return keycloak.userGroups(tenant, userId);
    }

    @Override
    public List<String> userRealmRoles(String tenant, String userId) {
        return keycloak.userRealmRoles(tenant, userId);
    }

    @Override
    public JsonNode userRepresentation(String tenant, String userId) {
        return keycloak.userRepresentation(tenant, userId);
    }

    @Override
    public void updateUser(String tenant, String userId, JsonNode user) {
        keycloak.updateUser(tenant, userId, user);
    }

    @Override
    public List<KeycloakCredential> credentials(String tenant, String userId) {
        return keycloak.credentials(tenant, userId);
    }

    @Override
    public void deleteCredential(String tenant, String userId, String credentialId) {
        keycloak.deleteCredential(tenant, userId, credentialId);
    }

    @Override
    public BruteForceStatus bruteForceStatus(String tenant, String userId) {
        return keycloak.bruteForceStatus(tenant, userId);
    }

    @Override
    public void deleteUser(String tenant, String userId) {
        keycloak.deleteUser(tenant, userId);
    }

    @Override
    public Optional<JsonNode> realmRole(String tenant, String role) {
        return keycloak.realmRole(tenant, role);
    }

    @Override
    public void grantRealmRole(String tenant, String userId, JsonNode role) {
        keycloak.grantRealmRole(tenant, userId, role);
    }

    @Override
    public void revokeRealmRole(String tenant, String userId, JsonNode role) {
        keycloak.revokeRealmRole(tenant, userId, role);
    }

    @Override
    public List<KeycloakUser> usersWithRealmRole(String tenant, String role, int first, int max) {
        return keycloak.usersWithRealmRole(tenant, role, first, max);
    }

    @Override
    public List<KeycloakGroup> groups(String tenant) {
        return keycloak.groups(tenant);
    }

    @Override
    public Optional<KeycloakGroup> groupByName(String tenant, String name) {
        return keycloak.groupByName(tenant, name);
    }

    @Override
    public String createGroup(String tenant, Map<String, Object> group) {
        return keycloak.createGroup(tenant, group);
    }

    @Override
    public void updateGroup(String tenant, String groupId, Map<String, Object> group) {
        keycloak.updateGroup(tenant, groupId, group);
    }

    @Override
    public void deleteGroup(String tenant, String groupId) {
        keycloak.deleteGroup(tenant, groupId);
    }

    @Override
    public List<KeycloakUser> groupMembers(String tenant, String groupId, int first, int max) {
        return keycloak.groupMembers(tenant, groupId, first, max);
    }

    @Override
    public void joinGroup(String tenant, String userId, String groupId) {
        keycloak.joinGroup(tenant, userId, groupId);
    }

    @Override
    public void leaveGroup(String tenant, String userId, String groupId) {
        keycloak.leaveGroup(tenant, userId, groupId);
    }
}
