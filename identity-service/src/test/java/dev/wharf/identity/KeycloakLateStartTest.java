package dev.wharf.identity;

import dev.wharf.identity.testing.Ready;
import dev.wharf.identity.testing.TcpForwarder;
import dev.wharf.launcher.KeycloakServer;
import dev.wharf.launcher.TestComponents;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * identity-service started while Keycloak is not reachable: it must start, say it is not ready, answer logins
 * with 503 service_unavailable, and become ready (admin API included) once Keycloak answers.
 */
@QuarkusTest
@TestProfile(KeycloakLateStartTest.Profile.class)
class KeycloakLateStartTest {
    static TcpForwarder forwarder;

    /** Points identity-service at a forwarder that refuses connections until the test opens it. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ClosedKeycloak.class));
        }
    }

    /** Starts the real Keycloak, but gives identity-service only the (still closed) forwarder's address. */
    public static class ClosedKeycloak implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            KeycloakServer kc = TestComponents.keycloak();
            forwarder = new TcpForwarder(kc.port());
            return Map.of(
                    "wharf.keycloak.url", "http://127.0.0.1:" + forwarder.port(),
                    "wharf.keycloak.admin-user", kc.adminUser(),
                    "wharf.keycloak.admin-password", kc.adminPassword());
        }

        @Override
        public void stop() {
        }
    }

    @AfterAll
    static void closeForwarder() throws Exception {
        if (forwarder != null) {
            forwarder.close();
        }
    }

    @Test
    void startsWithoutKeycloakAndBecomesReadyWhenItAnswers() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'keycloak' }.status", equalTo("DOWN"));
        given().contentType(ContentType.JSON).body(Map.of("tenant", "acme", "username", "alice", "password",
                        "secret-password", "clientIp", "192.0.2.1", "protocol", "sftp"))
                .post("/v1/authenticate").then().statusCode(503).body("reason", equalTo("service_unavailable"));
        given().header("Authorization", "Bearer some-token").get("/v1/admin/tenants").then()
                .statusCode(503).body("reason", equalTo("service_unavailable"));

        forwarder.open();
        Ready.await(Duration.ofSeconds(60));

        KeycloakServer kc = TestComponents.keycloak();
        // the token comes through the same address identity-service uses, so that its issuer matches
        String token = KeycloakServer.token("http://127.0.0.1:" + forwarder.port(), "master", "wharf-admin",
                kc.adminUser(), kc.adminPassword());
        given().header("Authorization", "Bearer " + token).get("/v1/admin/tenants").then().statusCode(200);
    }
}
