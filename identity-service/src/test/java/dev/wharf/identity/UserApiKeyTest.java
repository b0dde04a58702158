package dev.wharf.identity;

import dev.wharf.identity.testing.TestGateway;
import dev.wharf.core.audit.AuditType;
import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.RecordingAuditSink;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API keys against a real Keycloak: create, list, log in by id or name, expiry, revocation, bad input. */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class UserApiKeyTest extends OneTenantTestBase {

    @Inject
    RecordingAuditSink audit;

    @Override
    String tenantPrefix() {
        return "k";
    }

    private static String keys(String user) {
        return "/v1/admin/tenants/" + tenant + "/users/" + user + "/apikeys";
    }

    private static ValidatableResponse login(String user, String password) {
        return TestGateway.given().body(Map.of("tenant", tenant, "username", user, "password",
                password, "clientIp", "192.0.2.1", "protocol", "sftp")).post("/v1/authenticate").then()
                .statusCode(200);
    }

    @Test
    void aKeyLogsInAsItsUserByIdOrNameAndIsListedWithoutItsSecret() {
        String user = newUser(Map.of("home", "/data/in", "allowedProtocols", List.of("sftp")));
        String name = "backup-" + user;
        var created = admin().body(Map.of("name", name)).post(keys(user)).then().statusCode(201)
                .body("name", equalTo(name)).body("username", equalTo(user))
                .body("id", matchesPattern("k[a-z2-7]{19}")).body("secret", matchesPattern("wharf_[a-z2-7]{40}"))
                .body("expires", nullValue()).extract();
        String id = created.path("id");
        String secret = created.path("secret");
        assertEquals("@api-" + id, created.path("loginName"));

        login("@api-" + id, secret).body("reason", equalTo("ok")).body("principal.username", equalTo(user))
                .body("principal.home", equalTo("/data/in")).body("principal.allowedProtocols", equalTo(List.of("sftp")));
        login("@api-" + name, secret).body("reason", equalTo("ok")).body("principal.username", equalTo(user));
        login("@api-" + id, secret + "x").body("reason", equalTo("bad_credentials"));
        login("@api-" + id, PASSWORD).body("reason", equalTo("bad_credentials"));
        login("@api-nosuchkey", secret).body("reason", equalTo("bad_credentials"));
        TestGateway.given().body(Map.of("tenant", "nosuch" + user, "username", "@api-" + id,
                "password", secret, "clientIp", "192.0.2.1", "protocol", "sftp")).post("/v1/authenticate").then()
                .statusCode(200).body("reason", equalTo("unknown_tenant"));
        // the user's password still works, and the secret is no password
        login(user, PASSWORD).body("reason", equalTo("ok"));
        login(user, secret).body("reason", equalTo("bad_credentials"));

        admin().get(keys(user)).then().statusCode(200).body("", hasSize(1))
                .body("[0].id", equalTo(id)).body("[0].name", equalTo(name)).body("[0].created", notNullValue())
                .body("[0].lastUsed", notNullValue()).body("[0].secret", nullValue()).body("[0].hash", nullValue());
        String attributes = KeycloakTestAdmin.get("/admin/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/users/"
                + KeycloakTestAdmin.userId(tenant, user)).path("attributes").toString();
        assertFalse(attributes.contains(secret), "the secret is stored only as a hash");
        assertTrue(attributes.contains(id), attributes);

        admin().body(Map.of("name", name)).post(keys(newUser(Map.of()))).then().statusCode(409)
                .body("reason", equalTo("already_exists"));
        assertEquals(1, audit.matching(e -> e.type() == AuditType.ADMIN_CHANGE && user.equals(e.data().get("target"))
                && "user.apikey_created".equals(e.data().get("action"))).size());
    }

    @Test
    void aRevokedKeyNoLongerWorks() {
        String user = newUser(Map.of());
        var created = admin().body(Map.of("name", "r-" + user)).post(keys(user)).then().statusCode(201).extract();
        String id = created.path("id");
        String secret = created.path("secret");
        login("@api-" + id, secret).body("reason", equalTo("ok"));
        admin().delete(keys(user) + "/" + id).then().statusCode(204);
        login("@api-" + id, secret).body("reason", equalTo("bad_credentials"));
        login("@api-r-" + user, secret).body("reason", equalTo("bad_credentials"));
        admin().get(keys(user)).then().statusCode(200).body("", hasSize(0));
        admin().delete(keys(user) + "/" + id).then().statusCode(404).body("reason", equalTo("not_found"));
        // the name is free again
        admin().body(Map.of("name", "r-" + user)).post(keys(user)).then().statusCode(201);
        assertEquals(1, audit.matching(e -> e.type() == AuditType.ADMIN_CHANGE && user.equals(e.data().get("target"))
                && "user.apikey_revoked".equals(e.data().get("action"))).size());
    }

    @Test
    void anExpiredKeyIsKeyExpired() {
        String user = newUser(Map.of());
        // far enough ahead that a slow machine still creates it before it expires
        String expires = Instant.now().plusSeconds(8).toString();
        var created = admin().body(Map.of("name", "e-" + user, "expires", expires)).post(keys(user)).then()
                .statusCode(201).body("expires", notNullValue()).extract();
        String login = "@api-" + created.path("id");
        String secret = created.path("secret");
        login(login, secret).body("reason", equalTo("ok"));
        Instant deadline = Instant.now().plusSeconds(60);
        String reason = "ok";
        for (int i = 0; i < 5_000 && Instant.now().isBefore(deadline) && reason.equals("ok"); i++) {
            reason = login(login, secret).extract().path("reason");
        }
        assertEquals("key_expired", reason);
        login(login, "wrong").body("reason", equalTo("bad_credentials"));
    }

    @Test
    void aDisabledUsersKeyIsRefused() {
        String user = newUser(Map.of("enabled", false));
        var created = admin().body(Map.of("name", "d-" + user)).post(keys(user)).then().statusCode(201).extract();
        login("@api-" + created.path("id"), created.path("secret")).body("reason", equalTo("account_disabled"));
    }

    @Test
    void badKeyInputIsA400AndUnknownUsersA404() {
        String user = newUser(Map.of());
        admin().body(Map.of()).post(keys(user)).then().statusCode(400).body("reason", equalTo("bad_request"));
        admin().body(Map.of("name", "has space")).post(keys(user)).then().statusCode(400);
        admin().body(Map.of("name", "kaaaaaaaaaaaaaaaaaaa")).post(keys(user)).then().statusCode(400);
        admin().body(Map.of("name", "x-" + user, "expires", "tomorrow")).post(keys(user)).then().statusCode(400)
                .body("reason", equalTo("bad_request"));
        admin().body(Map.of("name", "x-" + user, "expires", "2020-01-01T00:00:00Z")).post(keys(user)).then()
                .statusCode(400);
        admin().body(Map.of("name", "x-" + user)).post(keys("nobody-" + user)).then().statusCode(404)
                .body("reason", equalTo("not_found"));
        admin().get(keys("nobody-" + user)).then().statusCode(404);
        admin().body(Map.of("name", "x-" + user)).post("/v1/admin/tenants/nosuch/users/" + user + "/apikeys")
                .then().statusCode(404).body("reason", equalTo("unknown_tenant"));
        admin().get(keys(user)).then().statusCode(200).body("", hasSize(0)).body("name", not(equalTo("x-" + user)));
        given().get(keys(user)).then().statusCode(401);
    }
}
