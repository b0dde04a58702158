package dev.wharf.identity.keycloak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Keycloak over its HTTP APIs with the JDK client and Jackson. The admin API is called with identity-service's own
 * admin token ({@link AdminTokenSource}); a 401 (token revoked or expired early) refreshes it once.
 */
@ApplicationScoped
public class HttpKeycloak implements KeycloakAdmin, DirectGrant {
    private static final Logger LOG = Logger.getLogger(HttpKeycloak.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final KeycloakConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final String baseUrl;
    private final AdminTokenSource adminToken;

    @Inject
    public HttpKeycloak(KeycloakConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.baseUrl = config.url().replaceAll("/+$", "");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.adminToken = new AdminTokenSource(this::fetchAdminToken);
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }

    // ---------------------------------------------------------------- direct grant

    @Override
    public Result passwordGrant(String realm, String clientId, String username, String password, String totp) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        if (totp != null && !totp.isBlank()) {
            form.put("totp", totp);
        }
        HttpResponse<String> r = send(formPost(uri("realms", realm, "protocol", "openid-connect", "token"), form),
                "password grant in realm " + realm);
        if (r.statusCode() == 200) {
            JsonNode body = read(r.body(), "token response");
            return new Granted(claims(body.path("access_token").asText("")), body.path("refresh_token").asText(null));
        }
        JsonNode body = readOrEmpty(r.body());
        return new Refused(r.statusCode(), text(body, "error"), text(body, "error_description"));
    }

    @Override
    public void endSession(String realm, String clientId, String refreshToken) {
        if (refreshToken == null || refreshToken.isEmpty()) {
            return;
        }
        Map<String, String> form = Map.of("client_id", clientId, "refresh_token", refreshToken);
        http.sendAsync(formPost(uri("realms", realm, "protocol", "openid-connect", "logout"), form),
                        HttpResponse.BodyHandlers.discarding())
                .whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.debugf("ending a Keycloak session in realm %s failed: %s", realm, e.toString());
                    } else if (r.statusCode() >= 300) {
                        LOG.debugf("ending a Keycloak session in realm %s answered HTTP %d", realm, r.statusCode());
                    }
                });
    }

    private JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new KeycloakUnavailableException("Keycloak answered a token that is not a JWT");
        }
        // The token comes straight from Keycloak's token endpoint over our own connection, so its payload is
        // read as is; verifying its signature would not add trust.
        return read(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8), "access token");
    }

    // ---------------------------------------------------------------- admin API

    @Override
    public boolean reachable() {
        HttpRequest req = HttpRequest.newBuilder(uri("realms", config.adminRealm()))
                .timeout(PROBE_TIMEOUT).GET().build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void createRealm(Map<String, Object> realm) {
        admin("POST", uri("admin", "realms"), realm, "create realm");
    }

    @Override
    public List<KeycloakRealm> realms() {
        JsonNode list = read(admin("GET", uri("admin", "realms"), null, "list realms").body(), "realm list");
        List<KeycloakRealm> out = new ArrayList<>();
        list.forEach(n -> out.add(realmOf(n)));
        return out;
    }

    @Override
    public Optional<KeycloakRealm> realm(String realm) {
        try {
            return Optional.of(realmOf(read(admin("GET", uri("admin", "realms", realm), null, "read realm").body(),
                    "realm")));
        } catch (KeycloakErrorException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void updateRealm(String realm, Map<String, Object> fields) {
        admin("PUT", uri("admin", "realms", realm), fields, "update realm");
    }

    @Override
    public void deleteRealm(String realm) {
        admin("DELETE", uri("admin", "realms", realm), null, "delete realm");
    }

    @Override
    public JsonNode userProfile(String realm) {
        return read(admin("GET", uri("admin", "realms", realm, "users", "profile"), null, "read user profile").body(),
                "user profile");
    }

    @Override
    public void updateUserProfile(String realm, JsonNode profile) {
        admin("PUT", uri("admin", "realms", realm, "users", "profile"), profile, "update user profile");
    }

    @Override
    public boolean clientExists(String realm, String clientId) {
        return client(realm, clientId).isPresent();
    }

    @Override
    public Optional<JsonNode> client(String realm, String clientId) {
        URI u = uri(query(List.of("admin", "realms", realm, "clients"), Map.of("clientId", clientId)));
        for (JsonNode c : read(admin("GET", u, null, "find client").body(), "client list")) {
            if (clientId.equals(c.path("clientId").asText())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public java.util.Set<String> eventListenerProviders() {
        JsonNode info = read(admin("GET", uri("admin", "serverinfo"), null, "read server info").body(), "server info");
        java.util.Set<String> ids = new java.util.TreeSet<>();
        info.path("providers").path("eventsListener").path("providers").fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    @Override
    public void updateClient(String realm, String id, Map<String, Object> fields) {
        // Keycloak changes only the fields a client representation carries
        admin("PUT", uri("admin", "realms", realm, "clients", id), fields, "update client");
    }

    @Override
    public String serviceAccountUserId(String realm, String clientUuid) {
        JsonNode u = read(admin("GET", uri("admin", "realms", realm, "clients", clientUuid, "service-account-user"),
                null, "service account").body(), "service account user");
        return text(u, "id");
    }

    @Override
    public List<String> clientRealmScope(String realm, String clientUuid) {
        return names(admin("GET", uri("admin", "realms", realm, "clients", clientUuid, "scope-mappings", "realm"),
                null, "client scope"));
    }

    @Override
    public void addClientRealmScope(String realm, String clientUuid, JsonNode role) {
        admin("POST", uri("admin", "realms", realm, "clients", clientUuid, "scope-mappings", "realm"), List.of(role),
                "add client scope");
    }

    @Override
    public void createClient(String realm, Map<String, Object> client) {
        admin("POST", uri("admin", "realms", realm, "clients"), client, "create client");
    }

    @Override
    public Optional<String> authenticationFlowId(String realm, String alias) {
        JsonNode list = read(admin("GET", uri("admin", "realms", realm, "authentication", "flows"), null,
                "list authentication flows").body(), "flow list");
        for (JsonNode f : list) {
            if (alias.equals(f.path("alias").asText())) {
                return Optional.of(f.path("id").asText());
            }
        }
        return Optional.empty();
    }

    @Override
    public void createRequiredFlow(String realm, String alias, String description, List<String> authenticators) {
        admin("POST", uri("admin", "realms", realm, "authentication", "flows"), Map.of("alias", alias,
                "description", description, "providerId", "basic-flow", "topLevel", true, "builtIn", false),
                "create authentication flow");
        for (String a : authenticators) {
            admin("POST", uri("admin", "realms", realm, "authentication", "flows", alias, "executions", "execution"),
                    Map.of("provider", a), "add flow execution");
        }
        // Keycloak adds executions DISABLED; each is then made REQUIRED through the flow's execution list
        JsonNode executions = read(admin("GET", uri("admin", "realms", realm, "authentication", "flows", alias,
                "executions"), null, "list flow executions").body(), "execution list");
        for (JsonNode e : executions) {
            if (e instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                o.put("requirement", "REQUIRED");
                admin("PUT", uri("admin", "realms", realm, "authentication", "flows", alias, "executions"), o,
                        "make flow execution required");
            }
        }
    }

    @Override
    public String createUser(String realm, Map<String, Object> user) {
        HttpResponse<String> r = admin("POST", uri("admin", "realms", realm, "users"), user, "create user");
        String location = r.headers().firstValue("Location").orElse("");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Override
    public void resetPassword(String realm, String userId, String password) {
        admin("PUT", uri("admin", "realms", realm, "users", userId, "reset-password"),
                Map.of("type", "password", "value", password, "temporary", false), "reset password");
    }

    @Override
    public List<KeycloakUser> users(String realm, int first, int max) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("first", Integer.toString(first));
        q.put("max", Integer.toString(max));
        q.put("briefRepresentation", "false");
        JsonNode list = read(admin("GET", uri(query(List.of("admin", "realms", realm, "users"), q)), null,
                "list users").body(), "user list");
        List<KeycloakUser> out = new ArrayList<>();
        list.forEach(n -> out.add(userOf(n)));
        return out;
    }

    @Override
    public Optional<KeycloakUser> userByUsername(String realm, String username) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("username", username);
        q.put("exact", "true");
        q.put("briefRepresentation", "false");
        JsonNode list = read(admin("GET", uri(query(List.of("admin", "realms", realm, "users"), q)), null,
                "find user").body(), "user list");
        for (JsonNode n : list) {
            if (username.equalsIgnoreCase(n.path("username").asText())) {
                return Optional.of(userOf(n));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<KeycloakUser> usersByAttribute(String realm, String attribute, String value) {
        Map<String, String> q = new LinkedHashMap<>();
        // Keycloak splits "q" at the first ':' and matches the value exactly (observed on 26.7.3)
        q.put("q", attribute + ":" + value);
        q.put("briefRepresentation", "false");
        q.put("max", "10");
        JsonNode list = read(admin("GET", uri(query(List.of("admin", "realms", realm, "users"), q)), null,
                "find users by attribute").body(), "user list");
        List<KeycloakUser> out = new ArrayList<>();
        list.forEach(n -> out.add(userOf(n)));
        return out;
    }

    @Override
    public List<String> userGroups(String realm, String userId) {
        return names(admin("GET", uri("admin", "realms", realm, "users", userId, "groups"), null, "user groups"));
    }

    @Override
    public List<String> userRealmRoles(String realm, String userId) {
        return names(admin("GET", uri("admin", "realms", realm, "users", userId, "role-mappings", "realm",
                "composite"), null, "user roles"));
    }

    @Override
    public JsonNode userRepresentation(String realm, String userId) {
        return read(admin("GET", uri("admin", "realms", realm, "users", userId), null, "read user").body(), "user");
    }

    @Override
    public void updateUser(String realm, String userId, JsonNode user) {
        admin("PUT", uri("admin", "realms", realm, "users", userId), user, "update user");
    }

    @Override
    public List<KeycloakCredential> credentials(String realm, String userId) {
        JsonNode list = read(admin("GET", uri("admin", "realms", realm, "users", userId, "credentials"), null,
                "user credentials").body(), "credential list");
        List<KeycloakCredential> out = new ArrayList<>();
        list.forEach(n -> out.add(new KeycloakCredential(n.path("id").asText(), n.path("type").asText())));
        return out;
    }

    @Override
    public void deleteCredential(String realm, String userId, String credentialId) {
        admin("DELETE", uri("admin", "realms", realm, "users", userId, "credentials", credentialId), null,
                "delete credential");
    }

    @Override
    public BruteForceStatus bruteForceStatus(String realm, String userId) {
        JsonNode n = read(admin("GET", uri("admin", "realms", realm, "attack-detection", "brute-force", "users",
                userId), null, "brute-force status").body(), "brute-force status");
        return new BruteForceStatus(n.path("disabled").asBoolean(false), n.path("numFailures").asInt(0));
    }

    @Override
    public void deleteUser(String realm, String userId) {
        admin("DELETE", uri("admin", "realms", realm, "users", userId), null, "delete user");
    }

    @Override
    public Optional<JsonNode> realmRole(String realm, String role) {
        try {
            return Optional.of(read(admin("GET", uri("admin", "realms", realm, "roles", role), null, "read role")
                    .body(), "role"));
        } catch (KeycloakErrorException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void createRealmRole(String realm, String role, String description) {
        admin("POST", uri("admin", "realms", realm, "roles"), Map.of("name", role, "description", description),
                "create role");
    }

    @Override
    public void grantRealmRole(String realm, String userId, JsonNode role) {
        admin("POST", uri("admin", "realms", realm, "users", userId, "role-mappings", "realm"), List.of(role),
                "grant role");
    }

    @Override
    public void revokeRealmRole(String realm, String userId, JsonNode role) {
        admin("DELETE", uri("admin", "realms", realm, "users", userId, "role-mappings", "realm"), List.of(role),
                "revoke role");
    }

    @Override
    public List<KeycloakUser> usersWithRealmRole(String realm, String role, int first, int max) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("first", Integer.toString(first));
        q.put("max", Integer.toString(max));
        q.put("briefRepresentation", "false");
        JsonNode list = read(admin("GET", uri(query(List.of("admin", "realms", realm, "roles", role, "users"), q)),
                null, "users with role").body(), "user list");
        List<KeycloakUser> out = new ArrayList<>();
        list.forEach(n -> out.add(userOf(n)));
        return out;
    }

    @Override
    public List<KeycloakGroup> groups(String realm) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("briefRepresentation", "false");
        q.put("max", "10000");
        JsonNode list = read(admin("GET", uri(query(List.of("admin", "realms", realm, "groups"), q)), null,
                "list groups").body(), "group list");
        List<KeycloakGroup> out = new ArrayList<>();
        list.forEach(n -> out.add(groupOf(n)));
        return out;
    }

    @Override
    public Optional<KeycloakGroup> groupByName(String realm, String name) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("search", name);
        q.put("exact", "true");
        q.put("briefRepresentation", "false");
        JsonNode list = read(admin("GET", uri(query(List.of("admin", "realms", realm, "groups"), q)), null,
                "find group").body(), "group list");
        for (JsonNode n : list) {
            // the search also answers parents of matching subgroups: only an exact top-level name counts
            if (name.equals(n.path("name").asText())) {
                return Optional.of(groupOf(n));
            }
        }
        return Optional.empty();
    }

    @Override
    public String createGroup(String realm, Map<String, Object> group) {
        HttpResponse<String> r = admin("POST", uri("admin", "realms", realm, "groups"), group, "create group");
        String location = r.headers().firstValue("Location").orElse("");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Override
    public void updateGroup(String realm, String groupId, Map<String, Object> group) {
        admin("PUT", uri("admin", "realms", realm, "groups", groupId), group, "update group");
    }

    @Override
    public void deleteGroup(String realm, String groupId) {
        admin("DELETE", uri("admin", "realms", realm, "groups", groupId), null, "delete group");
    }

    @Override
    public List<KeycloakUser> groupMembers(String realm, String groupId, int first, int max) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("first", Integer.toString(first));
        q.put("max", Integer.toString(max));
        q.put("briefRepresentation", "true");
        JsonNode list = read(admin("GET", uri(query(List.of("admin", "realms", realm, "groups", groupId, "members"),
                q)), null, "group members").body(), "member list");
        List<KeycloakUser> out = new ArrayList<>();
        list.forEach(n -> out.add(userOf(n)));
        return out;
    }

    @Override
    public void joinGroup(String realm, String userId, String groupId) {
        admin("PUT", uri("admin", "realms", realm, "users", userId, "groups", groupId), null, "join group");
    }

    @Override
    public void leaveGroup(String realm, String userId, String groupId) {
        admin("DELETE", uri("admin", "realms", realm, "users", userId, "groups", groupId), null, "leave group");
    }

    private KeycloakGroup groupOf(JsonNode n) {
        Map<String, List<String>> attrs = new HashMap<>();
        n.path("attributes").properties().forEach(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            attrs.put(e.getKey(), values);
        });
        return new KeycloakGroup(n.path("id").asText(), n.path("name").asText(), attrs);
    }

    private List<String> names(HttpResponse<String> r) {
        List<String> out = new ArrayList<>();
        read(r.body(), "list").forEach(n -> out.add(n.path("name").asText()));
        return out;
    }

    private KeycloakRealm realmOf(JsonNode n) {
        Map<String, String> attrs = new HashMap<>();
        n.path("attributes").properties().forEach(e -> attrs.put(e.getKey(), e.getValue().asText()));
        return new KeycloakRealm(n.path("realm").asText(), n.path("enabled").asBoolean(true), attrs,
                n.path("bruteForceProtected").asBoolean(false));
    }

    private KeycloakUser userOf(JsonNode n) {
        Map<String, List<String>> attrs = new HashMap<>();
        n.path("attributes").properties().forEach(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            attrs.put(e.getKey(), values);
        });
        List<String> actions = new ArrayList<>();
        n.path("requiredActions").forEach(a -> actions.add(a.asText()));
        return new KeycloakUser(n.path("id").asText(), n.path("username").asText(), n.path("enabled").asBoolean(true),
                attrs, actions, n.path("totp").asBoolean(false));
    }

    /** One admin call; 4xx becomes {@link KeycloakErrorException}, a 401 first refreshes the admin token once. */
    private HttpResponse<String> admin(String method, URI uri, Object body, String call) {
        String token = adminToken.token();
        HttpResponse<String> r = send(adminRequest(method, uri, body, token), call);
        if (r.statusCode() == 401) {
            adminToken.invalidate(token);
            r = send(adminRequest(method, uri, body, adminToken.token()), call);
        }
        if (r.statusCode() >= 400) {
            JsonNode err = readOrEmpty(r.body());
            String message = text(err, "errorMessage");
            throw new KeycloakErrorException(call, r.statusCode(), message != null ? message : text(err, "error"));
        }
        return r;
    }

    private HttpRequest adminRequest(String method, URI uri, Object body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        try {
            return b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a Keycloak representation as JSON", e);
        }
    }

    private AdminTokenSource.Token fetchAdminToken() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", "admin-cli");
        form.put("username", config.adminUser());
        form.put("password", config.adminPassword());
        HttpResponse<String> r = send(formPost(uri("realms", config.adminRealm(), "protocol", "openid-connect",
                "token"), form), "admin sign-in");
        if (r.statusCode() != 200) {
            JsonNode err = readOrEmpty(r.body());
            // A wrong admin password is an outage for every admin call: configuration, not the caller's fault.
            throw new KeycloakUnavailableException("Keycloak refused identity-service's admin sign-in as "
                    + config.adminUser() + " in realm " + config.adminRealm() + ": HTTP " + r.statusCode() + " "
                    + text(err, "error_description"));
        }
        JsonNode body = read(r.body(), "admin token");
        return new AdminTokenSource.Token(body.path("access_token").asText(),
                Duration.ofSeconds(body.path("expires_in").asLong(60)));
    }

    // ---------------------------------------------------------------- plumbing

    private HttpResponse<String> send(HttpRequest req, String call) {
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KeycloakUnavailableException(call + ": Keycloak at " + baseUrl + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeycloakUnavailableException(call + ": interrupted", e);
        }
        if (r.statusCode() >= 500) {
            throw new KeycloakUnavailableException(call + ": Keycloak answered HTTP " + r.statusCode());
        }
        return r;
    }

    private HttpRequest formPost(URI uri, Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private JsonNode read(String body, String what) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new KeycloakUnavailableException("Keycloak answered a " + what + " that is not JSON", e);
        }
    }

    private JsonNode readOrEmpty(String body) {
        try {
            JsonNode n = body == null || body.isBlank() ? null : json.readTree(body);
            return n == null ? json.createObjectNode() : n;
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A URI of path segments, each percent-encoded, so that no name can add or change a path segment. */
    private URI uri(String... segments) {
        return uri(path(List.of(segments)));
    }

    private URI uri(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }

    private static String path(List<String> segments) {
        StringBuilder b = new StringBuilder();
        for (String s : segments) {
            b.append('/').append(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }

    private static String query(List<String> segments, Map<String, String> params) {
        StringJoiner q = new StringJoiner("&", "?", "");
        params.forEach((k, v) -> q.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return path(segments) + q;
    }
}
