package dev.wharf.audit.cloudevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.wharf.core.Reason;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every event type has a published schema, and what the code really emits conforms to it. */
class AuditSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<AuditType, Schema> SCHEMAS = new EnumMap<>(AuditType.class);

    @BeforeAll
    static void loadSchemas() throws IOException {
        for (AuditType t : AuditType.values()) {
            String resource = "/schemas/" + t.type() + ".schema.json";
            try (InputStream in = AuditSchemaTest.class.getResourceAsStream(resource)) {
                assertNotNull(in, "no schema published for " + t + " at " + resource);
                JsonNode node = JSON.readTree(in);
                assertEquals("https://json-schema.org/draft/2020-12/schema", node.get("$schema").asText());
                assertEquals(t.type(), node.get("properties").get("type").get("const").asText());
                SCHEMAS.put(t, REGISTRY.getSchema(node));
            }
        }
    }

    @Test
    void everyEventTheCoreEmitsConformsToItsSchema() throws IOException {
        List<AuditEvent> events = RealEvents.all();
        Set<AuditType> seen = EnumSet.noneOf(AuditType.class);
        for (AuditEvent e : events) {
            String json = CloudEventJson.toJson(e);
            List<Error> errors = SCHEMAS.get(e.type()).validate(json, InputFormat.JSON);
            assertTrue(errors.isEmpty(), e.type() + " does not match its schema: " + errors + "\n" + json);
            seen.add(e.type());
        }
        assertEquals(EnumSet.allOf(AuditType.class), seen, "the sample must cover every event type");
    }

    @Test
    void schemasRejectEventsThatMissARequiredField() throws IOException {
        AuditEvent upload = RealEvents.all().stream().filter(e -> e.type() == AuditType.UPLOAD).findFirst()
                .orElseThrow();
        ObjectNode tree = CloudEventJson.toTree(upload);
        ((ObjectNode) tree.get("data")).remove("sha256");
        assertTrue(validate(AuditType.UPLOAD, tree).isEmpty(), "sha256 is optional");
        ((ObjectNode) tree.get("data")).remove("path");
        assertFalse(validate(AuditType.UPLOAD, tree).isEmpty(), "path is required");

        ObjectNode undocumented = CloudEventJson.toTree(upload);
        ((ObjectNode) undocumented.get("data")).put("surprise", 1);
        assertFalse(validate(AuditType.UPLOAD, undocumented).isEmpty(),
                "a field the schema does not document must fail the build");

        ObjectNode wrongReason = CloudEventJson.toTree(AuditEvent.builder(AuditType.LOGIN_FAILED, "/gateway-ftp")
                .protocol("ftp").clientAddress("192.0.2.1").sessionId("s").reason("ok").build());
        assertFalse(validate(AuditType.LOGIN_FAILED, wrongReason).isEmpty(), "a failed login is never ok");

        ObjectNode noSubject = CloudEventJson.toTree(upload);
        noSubject.remove("subject");
        assertFalse(validate(AuditType.UPLOAD, noSubject).isEmpty(), "file events carry a subject");
    }

    @Test
    void reasonEnumsListExactlyTheReasonCodes() throws IOException {
        Set<String> codes = Arrays.stream(Reason.values()).map(Reason::code).collect(Collectors.toCollection(TreeSet::new));
        try (InputStream in = getClass().getResourceAsStream("/schemas/dev.wharf.file.deleted.schema.json")) {
            JsonNode reason = JSON.readTree(in).at("/properties/data/properties/reason/enum");
            Set<String> listed = new TreeSet<>();
            reason.forEach(n -> listed.add(n.asText()));
            assertEquals(codes, listed, "a new Reason needs the schemas' reason enums updated");
        }
    }

    @Test
    void timeIsRfc3339InUtc() throws IOException {
        for (AuditEvent e : RealEvents.all()) {
            String time = CloudEventJson.toTree(e).get("time").asText();
            assertTrue(time.endsWith("Z"), time);
            assertEquals(e.time(), Instant.parse(time));
        }
    }

    private static List<Error> validate(AuditType t, JsonNode n) {
        return SCHEMAS.get(t).validate(n);
    }
}
