package dev.wharf.identity;

import dev.wharf.identity.testing.TestGateway;
import dev.wharf.core.audit.AuditType;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.RecordingAuditSink;
import dev.wharf.identity.testing.TestSshKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SSH public keys against a real Keycloak: add, list with fingerprints, remove, public-key logins. */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class UserSshKeyTest extends OneTenantTestBase {

    @Inject
    RecordingAuditSink audit;

    @Override
    String tenantPrefix() {
        return "h";
    }

    private static String keys(String user) {
        return "/v1/admin/tenants/" + tenant + "/users/" + user + "/sshkeys";
    }

    private static ValidatableResponse keyLogin(String tenantId, String user, String publicKey) {
        return TestGateway.given().body(Map.of("tenant", tenantId, "username", user, "publicKey",
                publicKey, "clientIp", "192.0.2.1", "protocol", "sftp")).post("/v1/authenticate/publickey").then();
    }

    @Test
    void addedKeysAreListedWithFingerprintsAndLogIn() {
        String user = newUser(Map.of("home", "/drop"));
        String ed = TestSshKeys.ed25519();
        String ec = TestSshKeys.ecdsa(256);
        String id = admin().body(Map.of("publicKey", ed)).post(keys(user)).then().statusCode(201)
                .body("type", equalTo("ssh-ed25519")).body("bits", equalTo(256))
                .body("fingerprint", startsWith("SHA256:")).body("comment", equalTo("test@wharf"))
                .extract().path("id");
        admin().body(Map.of("publicKey", ec)).post(keys(user)).then().statusCode(201);
        admin().body(Map.of("publicKey", TestSshKeys.rsa(2048))).post(keys(user)).then().statusCode(201)
                .body("bits", equalTo(2048));
        admin().body(Map.of("publicKey", ed.replace("test@wharf", "other comment"))).post(keys(user)).then()
                .statusCode(409).body("reason", equalTo("already_exists"));
        admin().get(keys(user)).then().statusCode(200).body("", hasSize(3)).body("id", hasItem(id));

        keyLogin(tenant, user, ed).statusCode(200).body("reason", equalTo("ok"))
                .body("principal.username", equalTo(user)).body("principal.home", equalTo("/drop"));
        // the comment is no part of the key
        keyLogin(tenant, user, ed.replace(" test@wharf", "")).statusCode(200).body("reason", equalTo("ok"));
        keyLogin(tenant, user, TestSshKeys.ed25519()).statusCode(200).body("reason", equalTo("bad_credentials"));
        keyLogin(tenant, "nobody-" + user, ed).statusCode(200).body("reason", equalTo("bad_credentials"));
        keyLogin("nosuch" + user, user, ed).statusCode(200).body("reason", equalTo("unknown_tenant"));
        keyLogin(tenant, user, "garbage").statusCode(200).body("reason", equalTo("bad_credentials"));
        assertEquals(3, audit.matching(e -> e.type() == AuditType.ADMIN_CHANGE && user.equals(e.data().get("target"))
                && "user.sshkey_added".equals(e.data().get("action"))).size());

        admin().delete(keys(user) + "/" + id).then().statusCode(204);
        keyLogin(tenant, user, ed).statusCode(200).body("reason", equalTo("bad_credentials"));
        keyLogin(tenant, user, ec).statusCode(200).body("reason", equalTo("ok"));
        admin().get(keys(user)).then().statusCode(200).body("", hasSize(2));
        admin().delete(keys(user) + "/" + id).then().statusCode(404).body("reason", equalTo("not_found"));
    }

    @Test
    void aDisabledUsersKeyIsAccountDisabled() {
        String user = newUser(Map.of("enabled", false));
        String ed = TestSshKeys.ed25519();
        admin().body(Map.of("publicKey", ed)).post(keys(user)).then().statusCode(201);
        keyLogin(tenant, user, ed).statusCode(200).body("reason", equalTo("account_disabled"));
    }

    @Test
    void aDisabledTenantsKeysAreTenantDisabled() {
        String own = dev.wharf.identity.testing.TestTenants.create("k", operatorToken);
        String user = dev.wharf.identity.testing.TestTenants.newUser(own, operatorToken, Map.of());
        String ed = TestSshKeys.ed25519();
        admin().body(Map.of("publicKey", ed)).post("/v1/admin/tenants/" + own + "/users/" + user + "/sshkeys").then()
                .statusCode(201);
        keyLogin(own, user, ed).statusCode(200).body("reason", equalTo("ok"));
        admin().body(Map.of("enabled", false)).patch("/v1/admin/tenants/" + own).then().statusCode(200);
        keyLogin(own, user, ed).statusCode(200).body("reason", equalTo("tenant_disabled"));
        admin().delete("/v1/admin/tenants/" + own).then().statusCode(204);
    }

    @Test
    void weakOrMalformedKeysAreA400AndChangeNothing() {
        String user = newUser(Map.of());
        admin().body(Map.of("publicKey", TestSshKeys.rsa(1024))).post(keys(user)).then().statusCode(400)
                .body("reason", equalTo("bad_request")).body("message", containsString("2048"));
        admin().body(Map.of("publicKey", TestSshKeys.dsa())).post(keys(user)).then().statusCode(400)
                .body("message", containsString("DSA"));
        admin().body(Map.of("publicKey", "ssh-ed25519 AAAA")).post(keys(user)).then().statusCode(400);
        admin().body(Map.of()).post(keys(user)).then().statusCode(400);
        admin().get(keys(user)).then().statusCode(200).body("", hasSize(0));
        admin().body(Map.of("publicKey", TestSshKeys.ed25519())).post(keys("nobody-" + user)).then().statusCode(404)
                .body("reason", equalTo("not_found"));
        TestGateway.given().body(Map.of("tenant", tenant)).post("/v1/authenticate/publickey")
                .then().statusCode(400).body("reason", equalTo("bad_request"));
        given().get(keys(user)).then().statusCode(401);
    }
}
