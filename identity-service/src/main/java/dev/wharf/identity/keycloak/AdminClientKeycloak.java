package dev.wharf.identity.keycloak;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.tenancy.KeycloakAdminClient;
import dev.wharf.tenancy.WebSignInFlow;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.client.exception.WebApplicationExceptionWrapper;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.util.JsonSerialization;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link KeycloakAdmin} over {@code org.keycloak:keycloak-admin-client} (through the shared
 * {@link KeycloakAdminClient}: one admin token, bounded calls). Maps go in as Keycloak's JSON and are converted to the
 * client's representations; the representations the port hands out whole to be sent back (user profile, user) are
 * read and written as JSON through the same client and token, so that fields this client version does not know
 * survive the round trip.
 */
@ApplicationScoped
public class AdminClientKeycloak implements KeycloakAdmin {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    /** Keycloak's JSON settings, tolerant of fields a newer server sends. */
    private static final ObjectMapper JSON = JsonSerialization.mapper.copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final KeycloakAdminClient client;

    @Inject
    public AdminClientKeycloak(KeycloakConfig config) {
        this.client = new KeycloakAdminClient(new KeycloakAdminClient.Settings("identity-service", config.url(),
                config.adminRealm(), "admin-cli", config.adminUser(), config.adminPassword(), config.timeout()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public boolean reachable() {
        return client.reachable(PROBE_TIMEOUT);
    }

    @Override
    public void createRealm(Map<String, Object> realm) {
        run("create realm", k -> k.realms().create(as(realm, RealmRepresentation.class)));
    }

    @Override
    public List<KeycloakRealm> realms() {
        return call("list realms", k -> k.realms().findAll()).stream().map(AdminClientKeycloak::realmOf).toList();
    }

    @Override
    public Optional<KeycloakRealm> realm(String realm) {
        return find("read realm", k -> k.realm(realm).toRepresentation()).map(AdminClientKeycloak::realmOf);
    }

    @Override
    public void updateRealm(String realm, Map<String, Object> fields) {
        run("update realm", k -> k.realm(realm).update(as(fields, RealmRepresentation.class)));
    }

    @Override
    public void deleteRealm(String realm) {
        run("delete realm", k -> k.realm(realm).remove());
    }

    @Override
    public JsonNode userProfile(String realm) {
        return call("read user profile", k -> json(k, "admin", "realms", realm, "users", "profile")
                .get(JsonNode.class));
    }

    @Override
    public java.util.Set<String> providers(String spi) {
        // raw JSON: the server info of a newer Keycloak carries fields this client's representations do not know
        JsonNode info = call("read server info", k -> json(k, "admin", "serverinfo").get(JsonNode.class));
        java.util.Set<String> ids = new java.util.TreeSet<>();
        info.path("providers").path(spi).path("providers").fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    @Override
    public void ensureWebSignInFlow(String realm, String clientId) {
        WebSignInFlow.ensure(client, realm, clientId);
    }

    @Override
    public void updateUserProfile(String realm, JsonNode profile) {
        run("update user profile", k -> json(k, "admin", "realms", realm, "users", "profile")
                .put(Entity.json(profile), JsonNode.class));
    }

    @Override
    public boolean clientExists(String realm, String clientId) {
        return client(realm, clientId).isPresent();
    }

    @Override
    public Optional<JsonNode> client(String realm, String clientId) {
        return call("find client", k -> k.realm(realm).clients().findByClientId(clientId)).stream()
                .filter(c -> clientId.equals(c.getClientId())).findFirst().map(c -> (JsonNode) JSON.valueToTree(c));
    }

    @Override
    public void createClient(String realm, Map<String, Object> clientRep) {
        created("create client", k -> k.realm(realm).clients().create(as(clientRep, ClientRepresentation.class)));
    }

    @Override
    public void updateClient(String realm, String id, Map<String, Object> fields) {
        // Keycloak changes only the fields a client representation carries
        run("update client", k -> k.realm(realm).clients().get(id).update(as(fields, ClientRepresentation.class)));
    }

    @Override
    public List<String> clientRealmScope(String realm, String id) {
        return call("client scope", k -> k.realm(realm).clients().get(id).getScopeMappings().realmLevel().listAll())
                .stream().map(RoleRepresentation::getName).toList();
    }

    @Override
    public void addClientRealmScope(String realm, String id, JsonNode role) {
        run("add client scope", k -> k.realm(realm).clients().get(id).getScopeMappings().realmLevel()
                .add(List.of(as(role, RoleRepresentation.class))));
    }

    @Override
    public String serviceAccountUserId(String realm, String clientUuid) {
        return call("service account", k -> k.realm(realm).clients().get(clientUuid).getServiceAccountUser().getId());
    }

    @Override
    public Optional<String> authenticationFlowId(String realm, String alias) {
        return call("list authentication flows", k -> k.realm(realm).flows().getFlows()).stream()
                .filter(f -> alias.equals(f.getAlias())).findFirst().map(AuthenticationFlowRepresentation::getId);
    }

    @Override
    public void createRequiredFlow(String realm, String alias, String description, List<String> authenticators) {
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(alias);
        flow.setDescription(description);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        created("create authentication flow", k -> k.realm(realm).flows().createFlow(flow));
        for (String a : authenticators) {
            run("add flow execution", k -> k.realm(realm).flows().addExecution(alias, Map.of("provider", a)));
        }
        // Keycloak adds executions DISABLED; each is then made REQUIRED through the flow's execution list
        for (AuthenticationExecutionInfoRepresentation e : call("list flow executions",
                k -> k.realm(realm).flows().getExecutions(alias))) {
            e.setRequirement("REQUIRED");
            run("make flow execution required", k -> k.realm(realm).flows().updateExecutions(alias, e));
        }
    }

    @Override
    public String createUser(String realm, Map<String, Object> user) {
        return created("create user", k -> k.realm(realm).users().create(as(user, UserRepresentation.class)));
    }

    @Override
    public void resetPassword(String realm, String userId, String password) {
        CredentialRepresentation c = new CredentialRepresentation();
        c.setType(CredentialRepresentation.PASSWORD);
        c.setValue(password);
        c.setTemporary(false);
        run("reset password", k -> k.realm(realm).users().get(userId).resetPassword(c));
    }

    @Override
    public List<KeycloakUser> users(String realm, int first, int max) {
        return users(call("list users", k -> k.realm(realm).users().search(null, first, max, false)));
    }

    @Override
    public Optional<KeycloakUser> userByUsername(String realm, String username) {
        return call("find user", k -> k.realm(realm).users().searchByUsername(username, true)).stream()
                .filter(u -> username.equalsIgnoreCase(u.getUsername())).findFirst().map(AdminClientKeycloak::userOf);
    }

    @Override
    public List<KeycloakUser> usersByAttribute(String realm, String attribute, String value) {
        // Keycloak splits "q" at the first ':' and matches the value exactly (observed on 26.7.3)
        return users(call("find users by attribute", k -> k.realm(realm).users().searchByAttributes(0, 100, null,
                false, attribute + ":" + value)));
    }

    @Override
    public List<String> userGroups(String realm, String userId) {
        return call("user groups", k -> k.realm(realm).users().get(userId).groups()).stream()
                .map(GroupRepresentation::getName).toList();
    }

    @Override
    public List<String> userRealmRoles(String realm, String userId) {
        return call("user roles", k -> k.realm(realm).users().get(userId).roles().realmLevel().listEffective())
                .stream().map(RoleRepresentation::getName).toList();
    }

    @Override
    public JsonNode userRepresentation(String realm, String userId) {
        return call("read user", k -> json(k, "admin", "realms", realm, "users", userId)
                .get(JsonNode.class));
    }

    @Override
    public void updateUser(String realm, String userId, JsonNode user) {
        run("update user", k -> {
            try (Response r = json(k, "admin", "realms", realm, "users", userId).put(Entity.json(user))) {
                failOnError(r);
            }
        });
    }

    @Override
    public List<KeycloakCredential> credentials(String realm, String userId) {
        return call("user credentials", k -> k.realm(realm).users().get(userId).credentials()).stream()
                .map(c -> new KeycloakCredential(c.getId(), c.getType(),
                        c.getCreatedDate() == null ? null : java.time.Instant.ofEpochMilli(c.getCreatedDate()))).toList();
    }

    @Override
    public void deleteCredential(String realm, String userId, String credentialId) {
        run("delete credential", k -> k.realm(realm).users().get(userId).removeCredential(credentialId));
    }

    @Override
    public BruteForceStatus bruteForceStatus(String realm, String userId) {
        Map<String, Object> s = call("brute-force status",
                k -> k.realm(realm).attackDetection().bruteForceUserStatus(userId));
        return new BruteForceStatus(Boolean.TRUE.equals(s.get("disabled")),
                s.get("numFailures") instanceof Number n ? n.intValue() : 0);
    }

    @Override
    public void deleteUser(String realm, String userId) {
        run("delete user", k -> k.realm(realm).users().get(userId).remove());
    }

    @Override
    public Optional<JsonNode> realmRole(String realm, String role) {
        return find("read role", k -> k.realm(realm).roles().get(role).toRepresentation())
                .map(r -> (JsonNode) JSON.valueToTree(r));
    }

    @Override
    public void createRealmRole(String realm, String role, String description) {
        RoleRepresentation r = new RoleRepresentation();
        r.setName(role);
        r.setDescription(description);
        run("create role", k -> k.realm(realm).roles().create(r));
    }

    @Override
    public void grantRealmRole(String realm, String userId, JsonNode role) {
        run("grant role", k -> k.realm(realm).users().get(userId).roles().realmLevel()
                .add(List.of(as(role, RoleRepresentation.class))));
    }

    @Override
    public void revokeRealmRole(String realm, String userId, JsonNode role) {
        run("revoke role", k -> k.realm(realm).users().get(userId).roles().realmLevel()
                .remove(List.of(as(role, RoleRepresentation.class))));
    }

    @Override
    public List<KeycloakUser> usersWithRealmRole(String realm, String role, int first, int max) {
        return users(call("users with role", k -> k.realm(realm).roles().get(role).getUserMembers(false, first, max)));
    }

    @Override
    public List<KeycloakGroup> groups(String realm) {
        return call("list groups", k -> k.realm(realm).groups().groups(null, 0, 10_000, false)).stream()
                .map(AdminClientKeycloak::groupOf).toList();
    }

    @Override
    public Optional<KeycloakGroup> groupByName(String realm, String name) {
        // the search also answers parents of matching subgroups: only an exact top-level name counts
        return call("find group", k -> k.realm(realm).groups().groups(name, true, null, null, false)).stream()
                .filter(g -> name.equals(g.getName())).findFirst().map(AdminClientKeycloak::groupOf);
    }

    @Override
    public String createGroup(String realm, Map<String, Object> group) {
        return created("create group", k -> k.realm(realm).groups().add(as(group, GroupRepresentation.class)));
    }

    @Override
    public void updateGroup(String realm, String groupId, Map<String, Object> group) {
        run("update group", k -> k.realm(realm).groups().group(groupId).update(as(group, GroupRepresentation.class)));
    }

    @Override
    public void deleteGroup(String realm, String groupId) {
        run("delete group", k -> k.realm(realm).groups().group(groupId).remove());
    }

    @Override
    public List<KeycloakUser> groupMembers(String realm, String groupId, int first, int max) {
        return users(call("group members", k -> k.realm(realm).groups().group(groupId).members(first, max, true)));
    }

    @Override
    public void joinGroup(String realm, String userId, String groupId) {
        run("join group", k -> k.realm(realm).users().get(userId).joinGroup(groupId));
    }

    @Override
    public void leaveGroup(String realm, String userId, String groupId) {
        run("leave group", k -> k.realm(realm).users().get(userId).leaveGroup(groupId));
    }

    @Override
    public String createOrganization(String realm, Map<String, Object> organization) {
        return created("create organization", k -> json(k, "admin", "realms", realm, "organizations")
                .post(Entity.json(organization)));
    }

    @Override
    public List<JsonNode> organizations(String realm, String search, boolean exact, int first, int max,
                                        boolean brief) {
        return call("list organizations", k -> {
            WebTarget t = target(k, "admin", "realms", realm, "organizations").queryParam("first", first)
                    .queryParam("max", max).queryParam("briefRepresentation", brief);
            if (search != null) {
                t = t.queryParam("search", search).queryParam("exact", exact);
            }
            List<JsonNode> out = new ArrayList<>();
            request(k, t).get(JsonNode.class).forEach(out::add);
            return out;
        });
    }

    @Override
    public Optional<JsonNode> organization(String realm, String id) {
        return find("read organization", k -> json(k, "admin", "realms", realm, "organizations", id)
                .get(JsonNode.class));
    }

    @Override
    public void updateOrganization(String realm, String id, JsonNode organization) {
        run("update organization", k -> {
            try (Response r = json(k, "admin", "realms", realm, "organizations", id).put(Entity.json(organization))) {
                failOnError(r);
            }
        });
    }

    @Override
    public void deleteOrganization(String realm, String id) {
        run("delete organization", k -> {
            try (Response r = json(k, "admin", "realms", realm, "organizations", id).delete()) {
                failOnError(r);
            }
        });
    }

    @Override
    public void addOrganizationMember(String realm, String organizationId, String userId) {
        run("add organization member", k -> {
            // the body is the user id as a JSON string
            try (Response r = json(k, "admin", "realms", realm, "organizations", organizationId, "members")
                    .post(Entity.json("\"" + userId + "\""))) {
                failOnError(r);
            }
        });
    }

    @Override
    public List<KeycloakUser> organizationMembers(String realm, String organizationId, int first, int max) {
        return call("organization members", k -> {
            WebTarget t = target(k, "admin", "realms", realm, "organizations", organizationId, "members")
                    .queryParam("first", first).queryParam("max", max);
            // members carry fields a user representation lacks (membershipType): read leniently
            List<UserRepresentation> out = new ArrayList<>();
            request(k, t).get(JsonNode.class).forEach(m -> out.add(as(m, UserRepresentation.class)));
            return out;
        }).stream().map(AdminClientKeycloak::userOf).toList();
    }

    @Override
    public List<JsonNode> memberOrganizations(String realm, String userId) {
        return call("member organizations", k -> {
            List<JsonNode> out = new ArrayList<>();
            json(k, "admin", "realms", realm, "organizations", "members", userId, "organizations")
                    .get(JsonNode.class).forEach(out::add);
            return out;
        });
    }

    @Override
    public List<KeycloakGroup> subgroups(String realm, String parentId, int first, int max) {
        return call("list subgroups", k -> k.realm(realm).groups().group(parentId).getSubGroups(first, max, false))
                .stream().map(AdminClientKeycloak::groupOf).toList();
    }

    @Override
    public String createSubgroup(String realm, String parentId, Map<String, Object> group) {
        return created("create subgroup", k -> k.realm(realm).groups().group(parentId)
                .subGroup(as(group, GroupRepresentation.class)));
    }

    @Override
    public Optional<KeycloakGroup> groupByPath(String realm, String path) {
        return find("find group by path", k -> k.realm(realm).getGroupByPath(path)).map(AdminClientKeycloak::groupOf);
    }

    @Override
    public List<String> userGroupPaths(String realm, String userId) {
        return call("user groups", k -> k.realm(realm).users().get(userId).groups(null, null, null, false)).stream()
                .map(GroupRepresentation::getPath).toList();
    }

    @Override
    public List<String> defaultClientScopes(String realm, String clientUuid) {
        return call("default client scopes", k -> k.realm(realm).clients().get(clientUuid).getDefaultClientScopes())
                .stream().map(org.keycloak.representations.idm.ClientScopeRepresentation::getName).toList();
    }

    @Override
    public void addDefaultClientScope(String realm, String clientUuid, String scopeName) {
        String scopeId = call("list client scopes", k -> k.realm(realm).clientScopes().findAll()).stream()
                .filter(c -> scopeName.equals(c.getName())).findFirst()
                .map(org.keycloak.representations.idm.ClientScopeRepresentation::getId)
                .orElseThrow(() -> new KeycloakErrorException("find client scope " + scopeName, 404,
                        "no client scope " + scopeName + " in realm " + realm));
        // Keycloak ignores the add while the scope is one of the client's optional scopes (new clients get the
        // realm's optional scopes, "organization" among them): it is taken off that list first
        boolean optional = call("optional client scopes", k -> k.realm(realm).clients().get(clientUuid)
                .getOptionalClientScopes()).stream().anyMatch(c -> scopeId.equals(c.getId()));
        if (optional) {
            run("remove optional client scope", k -> k.realm(realm).clients().get(clientUuid)
                    .removeOptionalClientScope(scopeId));
        }
        run("add default client scope", k -> k.realm(realm).clients().get(clientUuid).addDefaultClientScope(scopeId));
    }

    // ---------------------------------------------------------------- mapping

    private static KeycloakRealm realmOf(RealmRepresentation r) {
        return new KeycloakRealm(r.getRealm(), r.isEnabled() == null || r.isEnabled(),
                r.getAttributes() == null ? Map.of() : new HashMap<>(r.getAttributes()),
                Boolean.TRUE.equals(r.isBruteForceProtected()), Boolean.TRUE.equals(r.isOrganizationsEnabled()));
    }

    private static List<KeycloakUser> users(List<UserRepresentation> list) {
        return list.stream().map(AdminClientKeycloak::userOf).toList();
    }

    private static KeycloakUser userOf(UserRepresentation u) {
        return new KeycloakUser(u.getId(), u.getUsername(), u.isEnabled() == null || u.isEnabled(),
                u.getAttributes() == null ? Map.of() : copy(u.getAttributes()),
                u.getRequiredActions() == null ? List.of() : List.copyOf(u.getRequiredActions()),
                Boolean.TRUE.equals(u.isTotp()));
    }

    private static KeycloakGroup groupOf(GroupRepresentation g) {
        return new KeycloakGroup(g.getId(), g.getName(), g.getAttributes() == null ? Map.of() : copy(g.getAttributes()));
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> attributes) {
        Map<String, List<String>> out = new HashMap<>();
        attributes.forEach((k, v) -> out.put(k, v == null ? List.of() : new ArrayList<>(v)));
        return out;
    }

    @Override
    public JsonNode moveRealmTenant(String adminRealm, String tenant, String sharedRealm) {
        return call("move tenant", k -> {
            WebTarget t = target(k, "realms", adminRealm, "wharf-tenant-move", tenant).queryParam("to", sharedRealm);
            try (Response r = request(k, t).post(Entity.json(Map.of()))) {
                failOnError(r);
                return r.readEntity(JsonNode.class);
            }
        });
    }

    private static <T> T as(Object json, Class<T> type) {
        return JSON.convertValue(json, type);
    }

    // ---------------------------------------------------------------- plumbing

    /** A JSON request under Keycloak's URL with the admin token; each segment percent-encoded, so no name adds one. */
    private Invocation.Builder json(Keycloak k, String... segments) {
        return request(k, target(k, segments));
    }

    private WebTarget target(Keycloak k, String... segments) {
        WebTarget t = client.target();
        for (String s : segments) {
            t = t.path("{s}").resolveTemplate("s", s, true);
        }
        return t;
    }

    private static Invocation.Builder request(Keycloak k, WebTarget t) {
        return t.request(MediaType.APPLICATION_JSON_TYPE)
                .header("Authorization", "Bearer " + k.tokenManager().getAccessTokenString());
    }

    private static void failOnError(Response r) {
        if (r.getStatus() >= 400) {
            r.bufferEntity();
            throw new WebApplicationException(r);
        }
    }

    private String created(String what, Function<Keycloak, Response> call) {
        return call(what, k -> {
            try (Response r = call.apply(k)) {
                failOnError(r);
                return CreatedResponseUtil.getCreatedId(r);
            }
        });
    }

    private void run(String what, java.util.function.Consumer<Keycloak> call) {
        call(what, k -> {
            call.accept(k);
            return null;
        });
    }

    private <T> Optional<T> find(String what, Function<Keycloak, T> call) {
        try {
            return Optional.ofNullable(call(what, call));
        } catch (KeycloakErrorException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** One admin call: 4xx is {@link KeycloakErrorException}, an outage {@link KeycloakUnavailableException}. */
    private <T> T call(String what, Function<Keycloak, T> call) {
        try {
            return client.call(what, call);
        } catch (WebApplicationException e) {
            WebApplicationException original = WebApplicationExceptionWrapper.unwrap(e);
            int status = original.getResponse() == null ? 0 : original.getResponse().getStatus();
            throw new KeycloakErrorException(what, status, errorMessage(original.getResponse()));
        } catch (KeycloakUnavailableException e) {
            throw e;
        } catch (WharfException e) {
            if (e.reason() == Reason.SERVICE_UNAVAILABLE) {
                throw new KeycloakUnavailableException(e.getMessage(), e);
            }
            throw e;
        }
    }

    private static String errorMessage(Response r) {
        if (r == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(r.readEntity(String.class));
            JsonNode m = n.hasNonNull("errorMessage") ? n.get("errorMessage") : n.get("error");
            return m == null || m.isNull() ? null : m.asText();
        } catch (RuntimeException | java.io.IOException e) {
            // no readable body (or already consumed): the status says enough
            return null;
        }
    }
}
