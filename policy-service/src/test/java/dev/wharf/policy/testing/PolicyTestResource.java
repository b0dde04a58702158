package dev.wharf.policy.testing;

import dev.wharf.launcher.KeycloakServer;
import dev.wharf.launcher.TestComponents;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points policy-service at the test JVM's real Keycloak (started once per JVM by wharf-launcher). Every test class
 * of this module shares it; the GeoIP database comes with test profiles ({@link GeoIpProfiles}).
 */
public class PolicyTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        KeycloakServer kc = TestComponents.keycloak();
        Map<String, String> config = new HashMap<>();
        config.put("wharf.keycloak.url", kc.baseUrl());
        config.put("wharf.keycloak.admin-user", kc.adminUser());
        config.put("wharf.keycloak.admin-password", kc.adminPassword());
        // the launcher passes identity-service's key to both services: it must not stop policy-service
        config.put("wharf.keycloak.admin-client-id", "wharf-admin");
        return config;
    }

    @Override
    public void stop() {
        // the Keycloak singleton is stopped by wharf-launcher's shutdown hook
    }
}
