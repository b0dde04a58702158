package dev.wharf.identity.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.identity.keycloak.BruteForceStatus;
import dev.wharf.identity.keycloak.KeycloakCredential;
import dev.wharf.identity.keycloak.KeycloakGroup;
import dev.wharf.identity.keycloak.KeycloakUser;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's users, groups and administrators in Keycloak, under Wharf's names: user names and group names go in
 * and come out as the tenant knows them ({@code alice}, {@code finance}), whatever Keycloak calls them. User and
 * group ids are Keycloak's and must come from this port for the same tenant. Failures as {@code KeycloakAdmin}.
 */
public interface TenantAccounts {
    /** Creates a user ({@code username} in the representation is Wharf's) and answers its id. */
    String createUser(String tenant, Map<String, Object> user);

    void resetPassword(String tenant, String userId, String password);

    /** One page of the tenant's users, full representations. */
    List<KeycloakUser> users(String tenant, int first, int max);

    Optional<KeycloakUser> userByUsername(String tenant, String username);

    /** The tenant's users with an attribute of exactly this value. */
    List<KeycloakUser> usersByAttribute(String tenant, String attribute, String value);

    /** Names of the tenant's groups the user is a direct member of. */
    List<String> userGroups(String tenant, String userId);

    /** Names of the realm roles the user has. */
    List<String> userRealmRoles(String tenant, String userId);

    /** The user's whole representation, to be changed and sent back with {@link #updateUser}. */
    JsonNode userRepresentation(String tenant, String userId);

    void updateUser(String tenant, String userId, JsonNode user);

    List<KeycloakCredential> credentials(String tenant, String userId);

    void deleteCredential(String tenant, String userId, String credentialId);

    BruteForceStatus bruteForceStatus(String tenant, String userId);

    void deleteUser(String tenant, String userId);

    /** The realm role's representation, if it exists where the tenant's users live. */
    Optional<JsonNode> realmRole(String tenant, String role);

    void grantRealmRole(String tenant, String userId, JsonNode role);

    void revokeRealmRole(String tenant, String userId, JsonNode role);

    /** The tenant's users who have the realm role directly; paged over Keycloak's users with the role. */
    List<KeycloakUser> usersWithRealmRole(String tenant, String role, int first, int max);

    /** The tenant's groups, with attributes. */
    List<KeycloakGroup> groups(String tenant);

    Optional<KeycloakGroup> groupByName(String tenant, String name);

    /** Creates a group ({@code name} as the tenant knows it) and answers its id. */
    String createGroup(String tenant, Map<String, Object> group);

    /** Replaces a group's name and attributes. */
    void updateGroup(String tenant, String groupId, Map<String, Object> group);

    void deleteGroup(String tenant, String groupId);

    List<KeycloakUser> groupMembers(String tenant, String groupId, int first, int max);

    void joinGroup(String tenant, String userId, String groupId);

    void leaveGroup(String tenant, String userId, String groupId);
}
