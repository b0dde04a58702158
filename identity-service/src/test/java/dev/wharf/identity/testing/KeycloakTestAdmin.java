package dev.wharf.identity.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.launcher.KeycloakServer;
import dev.wharf.launcher.TestComponents;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * What tests do to Keycloak directly, beside identity-service's API: read what it wrote, and set things that
 * later issues add to the admin API (groups) or that only tests may set (a cheap password hash).
 */
public final class KeycloakTestAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private KeycloakTestAdmin() {
    }

    public static KeycloakServer keycloak() {
        return TestComponents.keycloak();
    }

    private static volatile String cachedToken;
    private static volatile long cachedAt;

    /**
     * A token of the bootstrap admin from the admin-API client identity-service ensures; reused for 20 s (master
     * tokens live 60 s), so that tests may ask for one before each test without a grant each time.
     */
    public static synchronized String operatorToken() {
        long now = System.nanoTime();
        if (cachedToken == null || now - cachedAt > java.util.concurrent.TimeUnit.SECONDS.toNanos(20)) {
            cachedToken = operatorToken(keycloak().adminUser(), keycloak().adminPassword());
            cachedAt = now;
        }
        return cachedToken;
    }

    /** A token from the admin-API client, fetched through the URL identity-service uses (issuer check). */
    public static String operatorToken(String user, String password) {
        return KeycloakServer.token(KeycloakTestResource.serviceUrl(), "master", "wharf-admin", user, password);
    }

    /**
     * The realm that holds a tenant's users: the tenants' shared realm in the organizations model, the tenant's own
     * in the realm model ({@code wharf.identity.tenancy}, default wharf-core's {@code Tenancy.DEFAULT}). {@code master} stays itself.
     */
    public static String realmOf(String tenant) {
        return organizations() && !tenant.equals("master") && !tenant.equals(TENANTS_REALM) ? TENANTS_REALM : tenant;
    }

    /** What Keycloak calls a tenant's user: {@code <tenant>.<user>} in the organizations model. */
    public static String keycloakUser(String tenant, String user) {
        return organizations() && !tenant.equals("master") && !tenant.equals(TENANTS_REALM) ? tenant + "." + user
                : user;
    }

    /** The realm of every tenant in the organizations model. */
    public static final String TENANTS_REALM = "wharf";

    /**
     * Whether this test run's identity-service keeps tenants as organizations: {@code WHARF_IDENTITY_TENANCY=
     * organizations} in the environment of the build, which the service reads as {@code wharf.identity.tenancy}.
     */
    public static boolean organizations() {
        String model = System.getenv("WHARF_IDENTITY_TENANCY");
        return (model == null || model.isBlank() ? dev.wharf.core.tenant.Tenancy.DEFAULT : model.trim())
                .equalsIgnoreCase("organizations");
    }

    /** Fast password hashing for a test tenant: never outside tests (COMPONENTS.md). */
    public static void useCheapPasswordHash(String tenant) {
        call("PUT", "/admin/realms/" + realmOf(tenant),
                Map.of("passwordPolicy", "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)"), 204);
    }

    public static JsonNode get(String path) {
        return call("GET", path, null, 200);
    }

    /** Any admin call; fails unless Keycloak answers {@code expected}. */
    public static JsonNode call(String method, String path, Object body, int expected) {
        return call(method, path, body, expected, keycloak().adminToken());
    }

    /** A call without any credential; fails unless Keycloak answers {@code expected}. */
    public static JsonNode callWithoutToken(String method, String path, int expected) {
        return call(method, path, Map.of(), expected, null);
    }

    private static JsonNode call(String method, String path, Object body, int expected, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(keycloak().baseUrl() + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json");
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new AssertionError(method + " " + path + ": expected HTTP " + expected + ", got "
                        + r.statusCode() + " " + r.body());
            }
            return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("Keycloak call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The id of a user of a tenant ({@code master}: of the admin realm). */
    public static String userId(String tenant, String username) {
        String realm = realmOf(tenant);
        JsonNode list = get("/admin/realms/" + realm + "/users?exact=true&username=" + keycloakUser(tenant, username));
        if (list.size() != 1) {
            throw new AssertionError("expected one user " + username + " in " + realm + ", found " + list.size());
        }
        return list.get(0).path("id").asText();
    }

    /** Creates a group of the tenant (in Keycloak directly) and puts the user in it. */
    public static void addToNewGroup(String tenant, String username, String group) {
        String realm = realmOf(tenant);
        String groups = "/admin/realms/" + realm + "/groups";
        if (!realm.equals(tenant)) {
            groups = groups + "/" + get("/admin/realms/" + realm + "/group-by-path/" + tenant).path("id").asText()
                    + "/children";
        }
        call("POST", groups, Map.of("name", group), 201);
        String groupId = null;
        for (JsonNode g : get(groups + "?briefRepresentation=true&max=1000")) {
            if (group.equals(g.path("name").asText())) {
                groupId = g.path("id").asText();
            }
        }
        call("PUT", "/admin/realms/" + realm + "/users/" + userId(tenant, username) + "/groups/" + groupId, null, 204);
    }

    /**
     * The tenant's settings as Keycloak keeps them: its realm's attributes, or its organization's (lists joined
     * with commas, as a realm has them, and {@code wharf.tenant} true: an organization of the realm is a tenant).
     */
    public static JsonNode tenantAttributes(String tenant) {
        if (!organizations()) {
            return get("/admin/realms/" + tenant).path("attributes");
        }
        com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
        organization(tenant).path("attributes").fields().forEachRemaining(e -> {
            java.util.List<String> values = new java.util.ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            out.put(e.getKey(), String.join(",", values));
        });
        out.put("wharf.tenant", "true");
        return out;
    }

    /** The tenant's organization, full representation (organizations model). */
    public static JsonNode organization(String tenant) {
        for (JsonNode o : get("/admin/realms/" + TENANTS_REALM + "/organizations?exact=true&briefRepresentation=false"
                + "&search=" + tenant)) {
            if (tenant.equals(o.path("alias").asText())) {
                return o;
            }
        }
        throw new AssertionError("no organization " + tenant + " in realm " + TENANTS_REALM);
    }

    /** The tenant's group {@code name} as Keycloak keeps it (with attributes). */
    public static JsonNode group(String tenant, String name) {
        if (organizations()) {
            return get("/admin/realms/" + TENANTS_REALM + "/group-by-path/" + tenant + "/" + name);
        }
        return get("/admin/realms/" + tenant + "/groups?exact=true&briefRepresentation=false&search=" + name).get(0);
    }
}
