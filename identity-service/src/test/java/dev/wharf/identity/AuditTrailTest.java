package dev.wharf.identity;

import dev.wharf.audit.cloudevents.CloudEventJson;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.identity.testing.KeycloakTestAdmin;
import dev.wharf.identity.testing.KeycloakTestResource;
import dev.wharf.identity.testing.TestTenants;
import dev.wharf.launcher.TestComponents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /v1/admin/tenants/{tenant}/audit} and {@code GET /v1/admin/audit} over a real Kafka topic: filters,
 * pages that continue where the previous one ended, and a tenant administrator kept to their own tenant.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakTestResource.class)
class AuditTrailTest {
    private static String a;
    private static String b;
    private static String bossToken;
    private static String operatorToken;

    @BeforeEach
    void tenantsWithEvents() throws Exception {
        TestTenants.keycloakReady();
        operatorToken = KeycloakTestAdmin.operatorToken();
        if (a != null) {
            return;
        }
        a = TestTenants.create("au", operatorToken);
        b = TestTenants.create("au", operatorToken);
        String boss = TestTenants.newUser(a, operatorToken, Map.of());
        TestTenants.admin(operatorToken).put("/v1/admin/tenants/" + a + "/admins/" + boss).then().statusCode(204);
        bossToken = TestTenants.tenantToken(a, boss, TestTenants.PASSWORD);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestComponents.kafka().bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (AuditEvent e : List.of(upload(a, "alice", "/a1"), upload(a, "bob", "/a2"), upload(a, "alice", "/a3"),
                    login(a, "alice"), upload(b, "carol", "/b1"))) {
                producer.send(new ProducerRecord<>("wharf.audit", e.tenant(), CloudEventJson.toJson(e))).get();
            }
        }
    }

    @Test
    void aTenantAdministratorReadsTheirTenantWithFilters() {
        JsonPath page = get(bossToken, "/v1/admin/tenants/" + a + "/audit?since=PT10M&user=alice&type=file.uploaded");
        assertEquals(List.of("/a1", "/a3"), page.getList("events.data.path"));
        assertEquals(List.of(a, a), page.getList("events.data.tenant"));
    }

    @Test
    void aTenantAdministratorCannotReadAnotherTenantOrAllOfThem() {
        TestTenants.admin(bossToken).get("/v1/admin/tenants/" + b + "/audit").then().statusCode(403);
        TestTenants.admin(bossToken).get("/v1/admin/audit?tenant=" + a).then().statusCode(403);
    }

    @Test
    void anOperatorReadsEveryTenant() {
        JsonPath page = get(operatorToken, "/v1/admin/audit?since=PT10M&type=dev.wharf.file.uploaded");
        List<String> tenants = page.getList("events.data.tenant");
        assertTrue(tenants.contains(a) && tenants.contains(b), tenants.toString());
    }

    @Test
    void aPageContinuesWhereThePreviousEnded() {
        String path = "/v1/admin/tenants/" + a + "/audit?since=PT10M&type=file.uploaded&limit=2";
        JsonPath first = get(operatorToken, path);
        assertEquals(List.of("/a1", "/a2"), first.getList("events.data.path"));
        JsonPath second = get(operatorToken, path + "&after=" + first.getString("next"));
        assertEquals(List.of("/a3"), second.getList("events.data.path"));
        JsonPath third = get(operatorToken, path + "&after=" + second.getString("next"));
        assertEquals(List.of(), third.getList("events"));
    }

    @Test
    void aMalformedQueryIsABadRequest() {
        TestTenants.admin(operatorToken).get("/v1/admin/audit?since=yesterday").then().statusCode(400);
        TestTenants.admin(operatorToken).get("/v1/admin/audit?after=x").then().statusCode(400);
        TestTenants.admin(operatorToken).get("/v1/admin/audit?limit=0").then().statusCode(400);
    }

    private static JsonPath get(String token, String path) {
        return TestTenants.admin(token).get(path).then().statusCode(200).extract().jsonPath();
    }

    private static AuditEvent upload(String tenant, String user, String path) {
        return AuditEvent.builder(AuditType.UPLOAD, "/gateway-sftp").tenant(tenant).user(user).protocol("sftp")
                .clientAddress("192.0.2.9").sessionId("s1").reason("ok").data("path", path).data("bytes", 5L)
                .data("offset", 0L).data("size", 5L).data("durationMs", 3L).build();
    }

    private static AuditEvent login(String tenant, String user) {
        return AuditEvent.builder(AuditType.LOGIN_SUCCEEDED, "/gateway-sftp").tenant(tenant).user(user)
                .protocol("sftp").clientAddress("192.0.2.9").sessionId("s1").reason("ok").build();
    }
}
