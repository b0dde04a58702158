package dev.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

class KeycloakServerTest {

    @Test
    void bootstrapAdminGetsATokenThatTheAdminApiAccepts() throws Exception {
        KeycloakServer keycloak = TestComponents.keycloak();
        String token = keycloak.adminToken();
        assertEquals(3, token.split("\\.").length, "a JWT");

        HttpResponse<String> realms = Http.client().send(
                HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms"))
                        .header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, realms.statusCode(), realms.body());
        assertTrue(realms.body().contains("\"realm\":\"master\""), realms.body());
    }

    @Test
    void wrongPasswordIsRefused() {
        KeycloakServer keycloak = TestComponents.keycloak();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> KeycloakServer.token(
                keycloak.baseUrl(), "master", "admin-cli", keycloak.adminUser(), keycloak.adminPassword() + "x"));
        // Keycloak answers a bad password grant with 400 invalid_grant
        assertTrue(refused.getMessage().contains("invalid_grant"), refused.getMessage());
    }

    @Test
    void instanceDataLivesInItsOwnFolderAndListensOnLoopbackOnly() throws Exception {
        KeycloakServer keycloak = TestComponents.keycloak();
        assertTrue(Files.isRegularFile(keycloak.workDir().resolve("h2/keycloakdb.mv.db")));
        assertTrue(Files.isDirectory(keycloak.workDir().resolve("transaction-logs")));
        assertFalse(Files.exists(KeycloakDistribution.home().resolve("data/h2")), "no data in the shared cache");
        assertTrue(keycloak.baseUrl().startsWith("http://127.0.0.1:"));
        assertFalse(Ports.isFree(keycloak.port()));
    }
}
