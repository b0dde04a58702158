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
}
