package dev.wharf.policy.testing;

import dev.wharf.launcher.KeycloakServer;
import dev.wharf.launcher.TestComponents;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Points policy-service at the test JVM's real Keycloak and Kafka (started once per JVM by wharf-launcher) and a copy
 * of the real GeoLite2 Country database. Every Quarkus test class of this module uses this one resource and no test
 * profile: each profile would restart the application in a new class loader, with its own Keycloak and Kafka.
 * Each application start gets its own defender and audit topics, so that bans of one start do not leak into the next.
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
        config.put("wharf.policy.geoip.database", GeoLiteDatabase.countryInTempDir().toString());
        String kafka = TestComponents.kafka().bootstrapServers();
        String run = UUID.randomUUID().toString();
        String auditTopic = "wharf.audit.test-" + run;
        createTopic(kafka, auditTopic);
        config.put("wharf.state.bootstrap-servers", kafka);
        config.put("wharf.policy.defender.topic", "wharf.policy.defender.test-" + run);
        config.put("wharf.audit.bootstrap-servers", kafka);
        config.put("wharf.audit.topic", auditTopic);
        return config;
    }

    /** The audit topic exists before the service starts, as in a cluster (its admin-change listener reads it). */
    private static void createTopic(String kafka, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all()
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create test topic " + topic, e);
        }
    }

    @Override
    public void stop() {
        // the Keycloak singleton is stopped by wharf-launcher's shutdown hook
    }
}
