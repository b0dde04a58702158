package dev.wharf.identity.testing;

import dev.wharf.launcher.KeycloakServer;
import dev.wharf.launcher.TestComponents;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points identity-service at the test JVM's real Keycloak (started once per JVM by wharf-launcher). */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        KeycloakServer kc = TestComponents.keycloak();
        return Map.of(
                "wharf.keycloak.url", kc.baseUrl(),
                "wharf.keycloak.admin-user", kc.adminUser(),
                "wharf.keycloak.admin-password", kc.adminPassword());
    }

    @Override
    public void stop() {
        // the Keycloak singleton outlives this app: other test classes in the JVM use it; a hook stops it
    }
}
