package dev.wharf.identity;

import dev.wharf.identity.testing.TestGateway;
import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.TestTenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The password-check cache: a success is reused for its TTL, and any admin change to the user drops it. */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class PasswordCacheTest {
    private static final String PASSWORD = TestTenants.PASSWORD;
    private static String tenant;
    private static String operatorToken;

    @BeforeEach
    void tenantReady() {
        TestTenants.keycloakReady();
        // a fresh token now and then: master tokens live one minute, a slow class can take longer
        operatorToken = KeycloakTestAdmin.operatorToken();
        if (tenant == null) {
            tenant = TestTenants.create("c", operatorToken);
        }
    }

    private static RequestSpecification admin() {
        return TestTenants.admin(operatorToken);
    }

    private static ValidatableResponse login(String user, String password) {
        return TestGateway.given().body(Map.of("tenant", tenant, "username", user, "password",
                password, "clientIp", "192.0.2.1", "protocol", "sftp")).post("/v1/authenticate").then()
                .statusCode(200);
    }

    @Test
    void aCheckedPasswordIsReusedUntilAnAdminChangeToTheUser() {
        String user = "u" + UUID.randomUUID().toString().substring(0, 8);
        admin().body(Map.of("username", user, "password", PASSWORD)).post("/v1/admin/tenants/" + tenant + "/users")
                .then().statusCode(201);
        login(user, PASSWORD).body("reason", equalTo("ok"));
        // changed behind the service's back, straight in Keycloak: the cached check still answers
        String userId = KeycloakTestAdmin.userId(tenant, user);
        KeycloakTestAdmin.call("PUT", "/admin/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/users/" + userId + "/reset-password",
                Map.of("type", "password", "value", "Changed-in-Keycloak-1", "temporary", false), 204);
        login(user, PASSWORD).body("reason", equalTo("ok")).body("principal.username", equalTo(user));
        login(user.toUpperCase(java.util.Locale.ROOT), PASSWORD).body("reason", equalTo("ok"));
        login(user, "Wrong-password-1").body("reason", equalTo("bad_credentials"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("wharf_identity_password_cache_hits_total")), metrics);

        // an admin change through the API drops it at once
        admin().body(Map.of("name", "c-" + user)).post("/v1/admin/tenants/" + tenant + "/users/" + user + "/apikeys")
                .then().statusCode(201);
        login(user, PASSWORD).body("reason", equalTo("bad_credentials"));
        login(user, "Changed-in-Keycloak-1").body("reason", equalTo("ok"));
    }
}
