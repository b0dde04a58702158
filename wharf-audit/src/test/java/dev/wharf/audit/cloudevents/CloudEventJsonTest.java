package dev.wharf.audit.cloudevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudEventJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AuditEvent upload() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", "/reports/q1 (final).csv");
        data.put("bytes", 1234L);
        data.put("offset", 0L);
        data.put("size", 1234L);
        data.put("durationMs", 17L);
        data.put("sha256", "a".repeat(64));
        return new AuditEvent("6f1c1d1e-0000-4000-8000-000000000001", AuditType.UPLOAD, "/gateway-ftp",
                Instant.parse("2025-03-04T05:06:07.123456Z"), "acme", "alice", "ftps", "2001:db8::7", "s-1", null,
                data);
    }

    @Test
    void writesTheStructuredModeEnvelope() throws Exception {
        JsonNode n = JSON.readTree(CloudEventJson.toJson(upload()));
        assertEquals("1.0", n.get("specversion").asText());
        assertEquals("6f1c1d1e-0000-4000-8000-000000000001", n.get("id").asText());
        assertEquals("/gateway-ftp", n.get("source").asText());
        assertEquals("dev.wharf.file.uploaded", n.get("type").asText());
        assertEquals("2025-03-04T05:06:07.123456Z", n.get("time").asText());
        assertEquals("/reports/q1 (final).csv", n.get("subject").asText());
        assertEquals("application/json", n.get("datacontenttype").asText());
        JsonNode d = n.get("data");
        assertEquals("acme", d.get("tenant").asText());
        assertEquals("alice", d.get("user").asText());
        assertEquals("ftps", d.get("protocol").asText());
        assertEquals("2001:db8::7", d.get("clientAddress").asText());
        assertEquals("s-1", d.get("sessionId").asText());
        assertFalse(d.has("reason"), "absent values are omitted, not null");
        assertEquals(1234L, d.get("bytes").longValue());
        assertTrue(d.get("bytes").isIntegralNumber());
        assertEquals("a".repeat(64), d.get("sha256").asText());
    }

    @Test
    void eventsOtherThanFilesHaveNoSubject() throws Exception {
        AuditEvent e = AuditEvent.builder(AuditType.LOGIN_FAILED, "/gateway-sftp").tenant("acme").user("bob")
                .protocol("sftp").clientAddress("192.0.2.1").sessionId("s-2").reason("bad_credentials")
                .data("path", "/not/a/subject").build();
        JsonNode n = JSON.readTree(CloudEventJson.toJson(e));
        assertFalse(n.has("subject"));
        assertEquals("bad_credentials", n.get("data").get("reason").asText());
    }

    @Test
    void eventDataCannotOverrideTheCommonFields() throws Exception {
        AuditEvent e = AuditEvent.builder(AuditType.DELETE, "/gateway-ftp").tenant("acme").user("alice")
                .data("tenant", "other").data("user", "mallory").data("path", "/x").build();
        JsonNode d = JSON.readTree(CloudEventJson.toJson(e)).get("data");
        assertEquals("acme", d.get("tenant").asText());
        assertEquals("alice", d.get("user").asText());
    }

    @Test
    void parseReadsBackWhatWasWritten() {
        AuditEvent e = upload();
        AuditEvent back = CloudEventJson.parse(CloudEventJson.toJson(e));
        assertEquals(e, back);
    }

    @Test
    void parseKeepsNestedDataAsPlainJavaValues() {
        AuditEvent e = AuditEvent.builder(AuditType.ADMIN_CHANGE, "/identity-service").user("admin")
                .data("action", "user.created").data("details", Map.of("enabled", true, "groups", List.of("ops")))
                .data("ratio", 0.5).build();
        AuditEvent back = CloudEventJson.parse(CloudEventJson.toJson(e));
        assertEquals(Map.of("enabled", true, "groups", List.of("ops")), back.data().get("details"));
        assertEquals(0.5, back.data().get("ratio"));
        assertEquals(e.time(), back.time());
        assertEquals(null, back.tenant());
    }

    @Test
    void parseRefusesWhatIsNotAWharfCloudEvent() {
        String ok = CloudEventJson.toJson(upload());
        assertThrows(IllegalArgumentException.class, () -> CloudEventJson.parse("not json"));
        assertThrows(IllegalArgumentException.class, () -> CloudEventJson.parse("[1]"));
        assertThrows(IllegalArgumentException.class,
                () -> CloudEventJson.parse(ok.replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\"")));
        assertThrows(IllegalArgumentException.class,
                () -> CloudEventJson.parse(ok.replace("dev.wharf.file.uploaded", "com.example.other")));
        assertThrows(IllegalArgumentException.class,
                () -> CloudEventJson.parse(ok.replace("2025-03-04T05:06:07.123456Z", "yesterday")));
        assertThrows(IllegalArgumentException.class,
                () -> CloudEventJson.parse(ok.replace("\"id\":\"6f1c1d1e-0000-4000-8000-000000000001\",", "")));
    }

    @Test
    void parseAcceptsRfc3339TimesWithAnOffset() {
        String json = CloudEventJson.toJson(upload()).replace("2025-03-04T05:06:07.123456Z",
                "2025-03-04T07:06:07.123456+02:00");
        assertEquals(Instant.parse("2025-03-04T05:06:07.123456Z"), CloudEventJson.parse(json).time());
    }
}
