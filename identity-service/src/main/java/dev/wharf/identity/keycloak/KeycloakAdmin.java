package dev.wharf.identity.keycloak;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keycloak's Admin REST API, as far as Wharf uses it. Representations go in as maps (Keycloak's JSON field names)
 * so that new settings need no new types. Failures: {@link KeycloakUnavailableException} when Keycloak cannot be
 * reached or fails, {@link KeycloakErrorException} when it refuses the call (4xx).
 */
public interface KeycloakAdmin {
    /** Whether Keycloak answers at all (no credentials needed): for readiness. */
    boolean reachable();

    void createRealm(Map<String, Object> realm);

    /** Every realm, including the admin realm and realms that are not Wharf tenants. */
    List<KeycloakRealm> realms();

    Optional<KeycloakRealm> realm(String realm);

    /** Changes the given top-level fields of a realm and leaves the others as they are. */
    void updateRealm(String realm, Map<String, Object> fields);

    void deleteRealm(String realm);

    /** The realm's declarative user profile (attributes, groups, unmanagedAttributePolicy). */
    JsonNode userProfile(String realm);

    void updateUserProfile(String realm, JsonNode profile);

    boolean clientExists(String realm, String clientId);

    void createClient(String realm, Map<String, Object> client);

    /** The id of the realm's top-level authentication flow with this alias, if there is one. */
    Optional<String> authenticationFlowId(String realm, String alias);

    /** Creates a top-level authentication flow of the given authenticators, each REQUIRED, in this order. */
    void createRequiredFlow(String realm, String alias, String description, List<String> authenticators);
    /** The client's representation (with its internal {@code id}), if the realm has it. */
    Optional<JsonNode> client(String realm, String clientId);

    /** Changes the given top-level fields of a client (by internal id) and leaves the others as they are. */
    void updateClient(String realm, String id, Map<String, Object> fields);

    /** Names of the realm roles in the client's scope (by internal id): the roles its tokens may carry. */
    List<String> clientRealmScope(String realm, String id);

    /** Adds a realm role (the representation {@link #realmRole} answered) to the client's scope. */
    void addClientRealmScope(String realm, String id, JsonNode role);

    /** Creates a user and answers its id. */
    String createUser(String realm, Map<String, Object> user);

    /** Sets a user's password (not temporary); Keycloak applies the realm's password policy. */
    void resetPassword(String realm, String userId, String password);

    /** One page of users, full representations (attributes included), ordered as Keycloak orders them. */
    List<KeycloakUser> users(String realm, int first, int max);

    Optional<KeycloakUser> userByUsername(String realm, String username);

    /** Users with an attribute of exactly this value (one of its values, for a multi-valued attribute). */
    List<KeycloakUser> usersByAttribute(String realm, String attribute, String value);

    /** Names of the groups the user is a direct member of. */
    List<String> userGroups(String realm, String userId);

    /** Names of the realm roles the user has, directly or through composites and groups. */
    List<String> userRealmRoles(String realm, String userId);

    /** The user's full representation as Keycloak answers it: an update must send it back whole. */
    JsonNode userRepresentation(String realm, String userId);

    /**
     * Replaces a user's representation. Keycloak clears fields the body leaves out (e-mail, names), so send what
     * {@link #userRepresentation} answered, changed. {@code credentials} in the body are added to the user's.
     */
    void updateUser(String realm, String userId, JsonNode user);

    /** The user's credentials (id and type only: Keycloak never answers secrets). */
    List<KeycloakCredential> credentials(String realm, String userId);

    void deleteCredential(String realm, String userId, String credentialId);

    /** What brute-force detection knows about the user. */
    BruteForceStatus bruteForceStatus(String realm, String userId);

    /** Deletes a user and everything Keycloak keeps about it. */
    void deleteUser(String realm, String userId);

    /** A realm role's representation, if the realm has it. */
    Optional<JsonNode> realmRole(String realm, String role);

    void createRealmRole(String realm, String role, String description);

    /** Gives the user a realm role (the representation {@link #realmRole} answered). */
    void grantRealmRole(String realm, String userId, JsonNode role);

    void revokeRealmRole(String realm, String userId, JsonNode role);

    /** Users who have the realm role directly. */
    List<KeycloakUser> usersWithRealmRole(String realm, String role, int first, int max);

    /** Top-level groups, with attributes. */
    List<KeycloakGroup> groups(String realm);

    /** The top-level group of exactly this name. */
    Optional<KeycloakGroup> groupByName(String realm, String name);

    /** Creates a top-level group and answers its id. */
    String createGroup(String realm, Map<String, Object> group);

    /** Replaces a group's name and attributes. */
    void updateGroup(String realm, String groupId, Map<String, Object> group);

    void deleteGroup(String realm, String groupId);

    /** One page of the group's direct members. */
    List<KeycloakUser> groupMembers(String realm, String groupId, int first, int max);

    void joinGroup(String realm, String userId, String groupId);

    void leaveGroup(String realm, String userId, String groupId);


    /** The id of the user that is the service account of a client with service accounts enabled. */
    String serviceAccountUserId(String realm, String clientUuid);


    /**
     * The ids of the providers of one SPI this Keycloak has installed (its server info), e.g. {@code eventsListener}
     * or {@code authenticator}.
     */
    java.util.Set<String> providers(String spi);

    /**
     * Gives client {@code clientId} of {@code realm} the portal's tenant sign-in flow (wharf-tenancy's
     * {@code WebSignInFlow}); needs the tenant form of our Keycloak provider.
     */
    void ensureWebSignInFlow(String realm, String clientId);

    // ---------------------------------------------------------------- organizations (raw JSON: a newer server's fields survive)

    /** Creates an organization (Keycloak's JSON: name, alias, enabled, attributes, domains) and answers its id. */
    String createOrganization(String realm, Map<String, Object> organization);

    /**
     * Organizations whose name or a domain is {@code search} ({@code exact}: equal, else containing it), one page,
     * full representations when {@code brief} is false; {@code search} null lists all.
     */
    List<JsonNode> organizations(String realm, String search, boolean exact, int first, int max, boolean brief);

    Optional<JsonNode> organization(String realm, String id);

    /** Replaces an organization's representation (send back what {@link #organization} answered, changed). */
    void updateOrganization(String realm, String id, JsonNode organization);

    void deleteOrganization(String realm, String id);

    void addOrganizationMember(String realm, String organizationId, String userId);

    /** One page of the organization's members, full representations. */
    List<KeycloakUser> organizationMembers(String realm, String organizationId, int first, int max);

    /** The organizations the user is a member of (representations with {@code alias}). */
    List<JsonNode> memberOrganizations(String realm, String userId);

    // ---------------------------------------------------------------- subgroups

    /** One page of a group's direct subgroups, with attributes. */
    List<KeycloakGroup> subgroups(String realm, String parentId, int first, int max);

    /** Creates a subgroup of {@code parentId} and answers its id. */
    String createSubgroup(String realm, String parentId, Map<String, Object> group);

    /** The group at this path ({@code /northwind}), if there is one. */
    Optional<KeycloakGroup> groupByPath(String realm, String path);

    /** Paths of the groups the user is a direct member of ({@code /northwind/finance}). */
    List<String> userGroupPaths(String realm, String userId);

    /** Names of the client's default client scopes (by internal id). */
    List<String> defaultClientScopes(String realm, String clientUuid);

    /** Makes the realm's client scope of this name a default scope of the client (by internal id); no longer optional. */
    void addDefaultClientScope(String realm, String clientUuid, String scopeName);

    /**
     * Moves a realm-per-tenant tenant into its (already created) organization of {@code sharedRealm}, users with
     * their stored credentials, through Wharf's Keycloak provider ({@code wharf-tenant-move} of
     * keycloak-audit-listener), and removes its realm; one Keycloak transaction. Answers the counts moved.
     */
    JsonNode moveRealmTenant(String adminRealm, String tenant, String sharedRealm);
}
