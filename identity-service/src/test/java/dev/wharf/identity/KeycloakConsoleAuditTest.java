package dev.wharf.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.audit.cloudevents.CloudEventJson;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.identity.tenant.KeycloakEventAudit;
import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.TestTenants;
import dev.wharf.launcher.KeycloakServer;
import dev.wharf.launcher.TestComponents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A change made directly in Keycloak (its admin REST API, as the admin console calls it) to a tenant's user becomes
 * a {@code dev.wharf.admin.changed} event on the audit topic, published by the wharf-audit listener that the test
 * Keycloak has installed and identity-service turned on in the tenant's realm; identity-service's own calls to
 * Keycloak are not published twice.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class KeycloakConsoleAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONSOLE = "test-admin-console";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aUserChangedInKeycloakItselfIsAudited() throws Exception {
        TestTenants.keycloakReady();
        String operator = KeycloakTestAdmin.operatorToken();
        String tenant = TestTenants.create("kc", operator);
        JsonNode realm = KeycloakTestAdmin.get("/admin/realms/" + KeycloakTestAdmin.realmOf(tenant));
        assertTrue(realm.path("eventsListeners").toString().contains(KeycloakEventAudit.LISTENER), realm.toString());
        String viaWharf = TestTenants.newUser(tenant, operator, Map.of());

        // the admin console's calls, with a token of another client than identity-service's admin-cli (the console's
        // own client has no password grant, so a stand-in with full scope)
        KeycloakServer kc = TestComponents.keycloak();
        if (KeycloakTestAdmin.get("/admin/realms/master/clients?clientId=" + CONSOLE).isEmpty()) {
            KeycloakTestAdmin.call("POST", "/admin/realms/master/clients", Map.of("clientId", CONSOLE,
                    "publicClient", true, "directAccessGrantsEnabled", true, "fullScopeAllowed", true), 201);
        }
        String console = kc.adminToken(CONSOLE);
        String base = "/admin/realms/" + KeycloakTestAdmin.realmOf(tenant) + "/users";
        assertEquals(201, call(console, "POST", base, Map.of("username", KeycloakTestAdmin.keycloakUser(tenant, "carol"), "enabled", true)));
        String carol = KeycloakTestAdmin.userId(tenant, "carol");
        assertEquals(204, call(console, "PUT", base + "/" + carol + "/reset-password",
                Map.of("type", "password", "value", TestTenants.PASSWORD, "temporary", false)));
        assertEquals(204, call(console, "DELETE", base + "/" + carol, null));

        List<AuditEvent> events = keycloakEvents(tenant, list -> list.size() >= 3, Duration.ofSeconds(60));
        assertEquals(List.of("user.created", "credential.reset", "user.deleted"),
                events.stream().map(e -> e.data().get("action")).toList(), events.toString());
        for (AuditEvent e : events) {
            assertEquals(AuditType.ADMIN_CHANGE, e.type());
            assertEquals(tenant, e.tenant());
            assertEquals(kc.adminUser(), e.user());
            assertEquals(kc.adminUser(), e.data().get("actor"));
            assertEquals("127.0.0.1", e.clientAddress());
            assertEquals("ok", e.reason());
        }
        assertEquals("carol", events.get(0).data().get("target"));
        assertEquals("carol", events.get(1).data().get("target"));
        // deleted: the listener remembered the name (and tenant) just before Keycloak removed the user
        assertEquals("carol", events.get(2).data().get("target"), "user " + carol);
        assertTrue(events.stream().noneMatch(e -> viaWharf.equals(e.data().get("target"))),
                "identity-service's own change was published by Keycloak too: " + events);
    }

    private static int call(String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(TestComponents.keycloak().baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The events Keycloak published for {@code tenant}, read from the start of the topic until {@code done}. */
    private static List<AuditEvent> keycloakEvents(String tenant, Predicate<List<AuditEvent>> done, Duration within) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestComponents.kafka().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<AuditEvent> found = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                try {
                    consumer.partitionsFor(TestComponents.KEYCLOAK_AUDIT_TOPIC, Duration.ofSeconds(2))
                            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
                    // the listener's first event creates the topic; until then the metadata request times out
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!done.test(found) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    AuditEvent e = CloudEventJson.parse(r.value());
                    if (tenant.equals(r.key()) && "/keycloak".equals(e.source())) {
                        found.add(e);
                    }
                }
            }
        }
        return found;
    }
}
