package dev.wharf.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.RecordingAuditSink;
import dev.wharf.identity.testing.TestTenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Groups of a tenant against a real Keycloak: create, list, show, protocols, members, delete, bad input. */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class TenantGroupsTest extends OneTenantTestBase {

    @Inject
    RecordingAuditSink audit;

    @Override
    String tenantPrefix() {
        return "g";
    }

    private static String groups() {
        return "/v1/admin/tenants/" + tenant + "/groups";
    }

    private static String newGroupName() {
        return "Team-" + System.nanoTime() % 1_000_000;
    }

    @Test
    void aGroupGrantsProtocolsAndItsMembersCarryItsName() {
        String g = newGroupName();
        admin().body(Map.of("name", g, "allowedProtocols", List.of("sftp"))).post(groups()).then().statusCode(201)
                .body("name", equalTo(g)).body("allowedProtocols", contains("sftp")).body("members", empty());
        admin().body(Map.of("name", g)).post(groups()).then().statusCode(409).body("reason", equalTo("already_exists"));
        JsonNode kc = KeycloakTestAdmin.group(tenant, g);
        assertEquals("sftp", kc.path("attributes").path("wharf.protocols").get(0).asText());

        String user = TestTenants.newUser(tenant, operatorToken, Map.of());
        TestTenants.login(tenant, user, PASSWORD).body("principal.groups", empty());
        admin().put(groups() + "/" + g + "/members/" + user).then().statusCode(204);
        admin().put(groups() + "/" + g + "/members/" + user).then().statusCode(204);
        // the cached check of the login above went with the change
        TestTenants.login(tenant, user, PASSWORD).body("principal.groups", contains(g));
        admin().get(groups() + "/" + g).then().statusCode(200).body("members", contains(user));
        admin().get("/v1/admin/tenants/" + tenant + "/users/" + user).then().body("groups", contains(g));
        admin().get(groups()).then().statusCode(200).body("name", hasItem(g));

        admin().body(Map.of("allowedProtocols", List.of("ftps", "sftp"))).patch(groups() + "/" + g).then()
                .statusCode(200).body("allowedProtocols", contains("ftps", "sftp")).body("members", contains(user));
        admin().body(Map.of("allowedProtocols", List.of())).patch(groups() + "/" + g).then().statusCode(200)
                .body("allowedProtocols", empty());
        kc = KeycloakTestAdmin.group(tenant, g);
        assertFalse(kc.path("attributes").has("wharf.protocols"));

        admin().delete(groups() + "/" + g + "/members/" + user).then().statusCode(204);
        admin().delete(groups() + "/" + g + "/members/" + user).then().statusCode(404)
                .body("reason", equalTo("not_found"));
        TestTenants.login(tenant, user, PASSWORD).body("principal.groups", empty());

        admin().delete(groups() + "/" + g).then().statusCode(204);
        admin().get(groups() + "/" + g).then().statusCode(404).body("reason", equalTo("not_found"));
        admin().get(groups()).then().statusCode(200).body("name", not(hasItem(g)));
        for (String action : List.of("group.created", "group.member_added", "group.updated", "group.member_removed",
                "group.deleted")) {
            assertFalse(audit.matching(e -> tenant.equals(e.tenant()) && action.equals(e.data().get("action")))
                    .isEmpty(), action);
        }
    }

    @Test
    void badGroupInputIsA400AndUnknownOnesA404() {
        admin().body(Map.of("name", "has space")).post(groups()).then().statusCode(400)
                .body("reason", equalTo("bad_request"));
        admin().body(Map.of("name", "ok-" + newGroupName(), "allowedProtocols", List.of("gopher"))).post(groups())
                .then().statusCode(400);
        admin().body(Map.of()).post(groups()).then().statusCode(400);
        String g = newGroupName();
        admin().body(Map.of("name", g)).post(groups()).then().statusCode(201);
        admin().body(Map.of("allowedProtocols", List.of("gopher"))).patch(groups() + "/" + g).then().statusCode(400);
        admin().body(Map.of()).patch(groups() + "/" + g).then().statusCode(400);
        admin().put(groups() + "/" + g + "/members/nobody").then().statusCode(404).body("reason", equalTo("not_found"));
        admin().put(groups() + "/no-such-group/members/nobody").then().statusCode(404);
        admin().delete(groups() + "/no-such-group").then().statusCode(404);
        admin().get("/v1/admin/tenants/nosuch" + tenant + "/groups").then().statusCode(404)
                .body("reason", equalTo("unknown_tenant"));
    }
}
