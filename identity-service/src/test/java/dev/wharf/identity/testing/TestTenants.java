package dev.wharf.identity.testing;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** What the feature test classes share: Keycloak reachable, a fresh tenant with a cheap hash, users, admin calls. */
public final class TestTenants {
    /** The password of users made by {@link #newUser}. */
    public static final String PASSWORD = "Corr3ct-horse-battery";

    private TestTenants() {
    }

    /** Lets the service reach Keycloak (if the start-up test has not yet) and waits until it is ready. */
    public static void keycloakReady() {
        if (!KeycloakTestResource.keycloakOpen()) {
            KeycloakTestResource.openKeycloak();
        }
        Ready.await(Duration.ofSeconds(90));
    }

    /** Creates a tenant through the admin API; its id starts with {@code prefix} (a letter). */
    public static String create(String prefix, String operatorToken) {
        String id = prefix + UUID.randomUUID().toString().substring(0, 8);
        admin(operatorToken).body(Map.of("id", id)).post("/v1/admin/tenants").then().statusCode(201);
        KeycloakTestAdmin.useCheapPasswordHash(id);
        return id;
    }

    public static RequestSpecification admin(String operatorToken) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + operatorToken);
    }

    /** A login over {@code /v1/authenticate} from 192.0.2.1 over SFTP; answers 200 with the decision. */
    public static io.restassured.response.ValidatableResponse login(String tenant, String user, String password) {
        return TestGateway.given().body(Map.of("tenant", tenant, "username", user, "password",
                password, "clientIp", "192.0.2.1", "protocol", "sftp")).post("/v1/authenticate").then()
                .statusCode(200);
    }

    /** An admin-API token of a tenant's user, from client {@code wharf-admin} of the realm its users live in. */
    public static String tenantToken(String tenant, String user, String password) {
        return dev.wharf.launcher.KeycloakServer.token(KeycloakTestResource.serviceUrl(),
                KeycloakTestAdmin.realmOf(tenant), "wharf-admin", KeycloakTestAdmin.keycloakUser(tenant, user),
                password);
    }

    /** Creates a user with {@link #PASSWORD} and the {@code extra} fields; answers its name. */
    public static String newUser(String tenant, String operatorToken, Map<String, Object> extra) {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>(extra);
        body.put("username", name);
        body.put("password", PASSWORD);
        admin(operatorToken).body(body).post("/v1/admin/tenants/" + tenant + "/users").then().statusCode(201);
        return name;
    }
}
