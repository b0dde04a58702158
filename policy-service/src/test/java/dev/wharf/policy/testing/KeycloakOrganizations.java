package dev.wharf.policy.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.tenancy.OrganizationAttributes;
import dev.wharf.tenancy.SiteSettings;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tenants as organizations of realm {@value #TENANT_REALM} with site attributes and groups (docs/TENANCY.md), made
 * through Keycloak's admin API as identity-service makes them with {@code wharf.identity.tenancy=organizations}.
 */
public final class KeycloakOrganizations {
    /** The tenant realm (policy-service's default {@code wharf.keycloak.tenant-realm}). */
    public static final String TENANT_REALM = "wharf";

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakOrganizations() {
    }

    /** Creates tenant {@code id}: an organization with these site attributes (lists comma-separated here). */
    public static void create(String id, Map<String, String> attributes) {
        ensureTenantRealm();
        KeycloakRealms.call("POST", "/admin/realms/" + TENANT_REALM + "/organizations", Map.of("name", "Tenant " + id,
                "alias", id, "enabled", true, "domains", List.of(Map.of("name", id + ".tenants.test")),
                "attributes", OrganizationAttributes.write(SiteSettings.fromAttributes(attributes), Map.of())), 201);
    }

    /** Replaces the organization's site attributes. */
    public static void setAttributes(String id, Map<String, String> attributes) {
        Map<String, Object> org = new HashMap<>(organization(id));
        org.put("attributes", OrganizationAttributes.write(SiteSettings.fromAttributes(attributes), Map.of()));
        KeycloakRealms.call("PUT", "/admin/realms/" + TENANT_REALM + "/organizations/" + org.get("id"), org, 204);
    }

    /** Creates group {@code name} of the tenant (a subgroup of {@code /<tenant>}) with these attributes. */
    public static void createGroup(String tenant, String name, Map<String, String> attributes) {
        Map<String, Object> attrs = new HashMap<>();
        attributes.forEach((k, v) -> attrs.put(k, List.of(v)));
        KeycloakRealms.call("POST", "/admin/realms/" + TENANT_REALM + "/groups", Map.of("name", tenant), 201, 409);
        String parent = (String) json(KeycloakRealms.call("GET", "/admin/realms/" + TENANT_REALM + "/group-by-path/"
                + tenant, null, 200)).get("id");
        KeycloakRealms.call("POST", "/admin/realms/" + TENANT_REALM + "/groups/" + parent + "/children",
                Map.of("name", name, "attributes", attrs), 201);
    }

    /** Creates a top-level group of the tenant realm (no tenant's: tenants' groups are one level down). */
    public static void createTopLevelGroup(String name, Map<String, String> attributes) {
        ensureTenantRealm();
        Map<String, Object> attrs = new HashMap<>();
        attributes.forEach((k, v) -> attrs.put(k, List.of(v)));
        KeycloakRealms.call("POST", "/admin/realms/" + TENANT_REALM + "/groups",
                Map.of("name", name, "attributes", attrs), 201);
    }

    /** Deletes the tenant's organization and its groups. */
    public static void delete(String id) {
        KeycloakRealms.call("DELETE", "/admin/realms/" + TENANT_REALM + "/organizations/" + organization(id).get("id"),
                null, 204);
        deleteGroup(id);
    }

    /** Deletes the top-level group {@code name} of the tenant realm, if there is one. */
    public static void deleteGroup(String name) {
        String group = KeycloakRealms.call("GET", "/admin/realms/" + TENANT_REALM + "/group-by-path/" + name, null,
                200, 404);
        if (!group.contains("error")) {
            KeycloakRealms.call("DELETE", "/admin/realms/" + TENANT_REALM + "/groups/" + json(group).get("id"), null,
                    204);
        }
    }

    /** Realm {@code wharf} with organizations on, as identity-service sets it up at start. */
    public static synchronized void ensureTenantRealm() {
        KeycloakRealms.call("POST", "/admin/realms", Map.of("realm", TENANT_REALM, "enabled", true,
                "organizationsEnabled", true), 201, 409);
    }

    private static Map<String, Object> organization(String alias) {
        try {
            List<Map<String, Object>> found = JSON.readValue(KeycloakRealms.call("GET", "/admin/realms/" + TENANT_REALM
                    + "/organizations?briefRepresentation=false&q=alias:" + alias, null, 200), new TypeReference<>() {
            });
            return found.stream().filter(o -> alias.equals(o.get("alias"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no organization " + alias));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> json(String body) {
        try {
            return JSON.readValue(body, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
