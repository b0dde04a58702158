package dev.wharf.audit.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wharf.audit.AuditConfig;
import dev.wharf.core.audit.AuditType;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/asyncapi.yaml tells the truth: one message per {@link AuditType} and none other on wharf.audit, every schema it
 * references exists and describes that type, and every reference inside the document resolves.
 */
class AsyncApiDocumentTest {
    /** The module's folder is the working directory of its tests; the document sits in the project's docs/. */
    static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode doc;

    @BeforeAll
    static void read() throws IOException {
        doc = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
    }

    @Test
    void isAsyncApi3() {
        assertEquals("3.0.0", doc.path("asyncapi").asText());
    }

    @Test
    void theAuditChannelCarriesExactlyTheTypesTheCodeEmits() {
        Set<String> emitted = Arrays.stream(AuditType.values()).map(AuditType::type)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>(auditMessages().keySet());
        assertEquals(emitted, documented, "AuditType values vs messages of the wharf.audit channel in " + DOCUMENT);
    }

    @Test
    void theAuditChannelIsTheDefaultTopic() throws NoSuchMethodException {
        String topic = AuditConfig.class.getMethod("topic").getAnnotation(WithDefault.class).value();
        assertEquals(topic, doc.at("/channels/audit/address").asText());
    }

    @Test
    void everyReferencedSchemaExistsAndDescribesItsType() throws IOException {
        for (Map.Entry<String, JsonNode> e : auditMessages().entrySet()) {
            String ref = e.getValue().at("/payload/schema/$ref").asText();
            assertTrue(!ref.isEmpty(), e.getKey() + ": payload has no schema $ref");
            Path schema = DOCUMENT.getParent().resolve(ref).normalize();
            assertTrue(Files.isRegularFile(schema), e.getKey() + ": referenced schema " + schema + " does not exist");
            JsonNode node = JSON.readTree(schema.toFile());
            assertEquals(e.getKey(), node.at("/properties/type/const").asText(),
                    schema + " is the schema of another type");
        }
    }

    @Test
    void everyInternalReferenceResolves() {
        List<String> broken = new ArrayList<>();
        collectRefs(doc, "", broken);
        assertEquals(List.of(), broken, "references that point nowhere in " + DOCUMENT);
    }

    @Test
    void bothAuditOperationsListEveryAuditMessage() {
        int messages = doc.at("/channels/audit/messages").size();
        for (String op : List.of("publishAudit", "consumeAudit")) {
            assertEquals(messages, doc.at("/operations/" + op + "/messages").size(), op);
        }
    }

    /** The messages of the audit channel by CloudEvents type (their {@code name}). */
    private static Map<String, JsonNode> auditMessages() {
        Map<String, JsonNode> byType = new TreeMap<>();
        doc.at("/channels/audit/messages").forEach(m -> {
            JsonNode message = resolve(m.path("$ref").asText());
            JsonNode previous = byType.put(message.path("name").asText(), message);
            assertEquals(null, previous, "two messages named " + message.path("name").asText());
        });
        return byType;
    }

    private static void collectRefs(JsonNode node, String at, List<String> broken) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref") && e.getValue().asText().startsWith("#")
                        && resolve(e.getValue().asText()).isMissingNode()) {
                    broken.add(at + " -> " + e.getValue().asText());
                }
                collectRefs(e.getValue(), at + "/" + e.getKey(), broken);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectRefs(node.get(i), at + "/" + i, broken);
            }
        }
    }

    private static JsonNode resolve(String ref) {
        return doc.at(ref.substring(1));
    }
}
