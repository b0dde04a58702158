package dev.wharf.identity;

import dev.wharf.core.audit.AuditType;
import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.RecordingAuditSink;
import dev.wharf.identity.testing.TestGateway;
import dev.wharf.identity.testing.TestTenants;
import dev.wharf.identity.testing.TestTotp;
import dev.wharf.identity.tenant.RealmTenantDirectory;
import dev.wharf.identity.tenant.TenantDefaults;
import dev.wharf.tenancy.RealmAttributes;
import dev.wharf.tenancy.UserAttributes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code wharf tenant migrate} (issue 17): a tenant made in the realm-per-tenant model moves into an organization
 * of the shared realm, and its users log in afterwards with the same password and the same TOTP secret (stored
 * credentials moved inside Keycloak by our provider), in the same groups, with the same settings and host names.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class TenantMigrationTest {
    private static final String PASSWORD = TestTenants.PASSWORD;
    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @Inject
    RealmTenantDirectory realms;

    @Inject
    RecordingAuditSink audit;

    private String operatorToken;

    @BeforeEach
    void ready() {
        assumeTrue(KeycloakTestAdmin.organizations(), "tenants move into organizations only in that model");
        TestTenants.keycloakReady();
        operatorToken = KeycloakTestAdmin.operatorToken();
    }

    /** A tenant as the realm model made it: its realm, settings, one group, a user with TOTP and one without. */
    private String realmTenant() {
        String id = "mv" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> settings = new HashMap<>(TenantDefaults.SITE_SETTINGS);
        settings.put(RealmAttributes.PLAIN_FTP, "true");
        settings.put(RealmAttributes.HOSTNAMES, id + ".files.example.test");
        realms.create(id, settings);
        KeycloakTestAdmin.call("POST", "/admin/realms/" + id + "/groups", Map.of("name", "finance"), 201);
        KeycloakTestAdmin.call("POST", "/admin/realms/" + id + "/users", Map.of("username", "alice", "enabled", true,
                "attributes", Map.of(UserAttributes.HOME, List.of("/alice")), "groups", List.of("/finance"),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false),
                        Map.of("type", "otp", "userLabel", "wharf", "secretData", "{\"value\":\"" + SECRET + "\"}",
                                "credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                                        + "\"algorithm\":\"HmacSHA1\",\"secretEncoding\":\"BASE32\"}"))), 201);
        KeycloakTestAdmin.call("POST", "/admin/realms/" + id + "/users", Map.of("username", "bob", "enabled", true,
                "attributes", Map.of(UserAttributes.HOME, List.of("/bob")),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))), 201);
        return id;
    }

    private ValidatableResponse migrate(String id) {
        return TestTenants.admin(operatorToken).post("/v1/admin/tenant-migrations/" + id).then();
    }

    private static ValidatableResponse login(String tenant, String user, String password) {
        return TestGateway.given().body(Map.of("tenant", tenant, "username", user, "password", password,
                "clientIp", "192.0.2.1", "protocol", "sftp")).post("/v1/authenticate").then().statusCode(200);
    }

    @Test
    void usersKeepPasswordSecondFactorGroupsAndTheTenantItsSettings() {
        String id = realmTenant();
        TestTenants.admin(operatorToken).get("/v1/admin/tenant-migrations").then().statusCode(200)
                .body("tenants", hasItem(id));

        migrate(id).statusCode(200).body("moved", equalTo(true)).body("users", equalTo(2))
                .body("groups", equalTo(1)).body("credentials", equalTo(3));

        KeycloakTestAdmin.call("GET", "/admin/realms/" + id, null, 404);
        // a password set right after the move, before any login (as ./wharf up does for its demo user) works
        String changed = PASSWORD + "-changed";
        TestTenants.admin(operatorToken).body(Map.of("password", changed))
                .put("/v1/admin/tenants/" + id + "/users/bob/password").then().statusCode(204);
        login(id, "bob", changed).body("reason", equalTo("ok")).body("principal.home", equalTo("/bob"));
        login(id, "alice", PASSWORD).body("reason", equalTo("second_factor_required"));
        login(id, "alice", PASSWORD + TestTotp.now(SECRET)).body("reason", equalTo("ok"))
                .body("principal.home", equalTo("/alice")).body("principal.groups", hasItem("finance"));
        TestTenants.admin(operatorToken).get("/v1/admin/tenants/" + id).then().statusCode(200)
                .body("enabled", equalTo(true)).body("settings.plainFtpAllowed", equalTo(true))
                .body("hostnames", hasItem(id + ".files.example.test"));
        TestTenants.admin(operatorToken).get("/v1/admin/tenant-migrations").then().statusCode(200)
                .body("tenants", not(hasItem(id)));
        assertEquals(1, audit.matching(e -> e.type() == AuditType.ADMIN_CHANGE && id.equals(e.tenant())
                && "tenant.migrated".equals(e.data().get("action"))).size());

        migrate(id).statusCode(200).body("moved", equalTo(false)); // once moved, again is a no-op
    }

    @Test
    void aDisabledTenantStaysDisabledAndUnknownNamesAreRefused() {
        String id = realmTenant();
        realms.setEnabled(id, false);
        migrate(id).statusCode(200).body("moved", equalTo(true));
        TestTenants.admin(operatorToken).get("/v1/admin/tenants/" + id).then().statusCode(200)
                .body("enabled", equalTo(false));
        login(id, "bob", PASSWORD).body("reason", equalTo("tenant_disabled"));

        migrate("nobody-" + UUID.randomUUID().toString().substring(0, 8)).statusCode(404)
                .body("reason", equalTo("unknown_tenant"));
        migrate("Not_A_Tenant").statusCode(400).body("reason", equalTo("bad_request"));
    }

    @Test
    void aTenantMadeAgainAsAnOrganizationWithUsersIsNeverOverwritten() {
        String id = realmTenant();
        TestTenants.admin(operatorToken).body(Map.of("id", id)).post("/v1/admin/tenants").then().statusCode(201);
        TestTenants.newUser(id, operatorToken, Map.of());
        migrate(id).statusCode(409).body("reason", equalTo("already_exists"));
        KeycloakTestAdmin.call("GET", "/admin/realms/" + id, null, 200); // the realm and its users stay
    }

    @Test
    void onlyOperatorsMoveTenantsAndKeycloaksEndpointWantsAnAdministrator() {
        String id = realmTenant();
        TestTenants.admin("not-a-token").post("/v1/admin/tenant-migrations/" + id).then().statusCode(401);
        // our provider's endpoint in Keycloak itself: no token, no move
        KeycloakTestAdmin.callWithoutToken("POST", "/realms/master/wharf-tenant-move/" + id + "?to="
                + KeycloakTestAdmin.TENANTS_REALM, 401);
        KeycloakTestAdmin.call("GET", "/admin/realms/" + id, null, 200); // still there
    }
}
