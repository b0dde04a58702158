package dev.wharf.audit.cloudevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Maps {@link AuditEvent}s to and from CloudEvents 1.0 structured-mode JSON, the value of every record on the
 * audit topic.
 *
 * <p>The envelope is written with Jackson directly rather than with the CloudEvents SDK: it is eight fixed
 * attributes, the SDK would add a BOM conflict (it forces {@code cloudevents-api} 3.0.0) to every service, and
 * the bytes are plain CloudEvents JSON that any SDK-based consumer reads.
 *
 * <p>The common who/where/how fields and the type-specific fields share one flat {@code data} object; absent
 * values are omitted rather than written as {@code null}. A type-specific key that collides with a common one
 * is ignored, so the envelope's tenant can never be overridden from event data.
 */
public final class CloudEventJson {
    /** The Kafka {@code content-type} header value of a structured-mode CloudEvent. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";

    /**
     * The CloudEvents distributed tracing extension attribute: the W3C trace context of the recorded action, so a
     * consumer can join the event to the session's trace.
     */
    public static final String TRACEPARENT = "traceparent";

    /** The names of the common fields in {@code data}, in the order they are written. */
    public static final List<String> COMMON_FIELDS =
            List.of("tenant", "user", "protocol", "clientAddress", "sessionId", "reason");

    /** Types whose {@code subject} is the file or folder path. */
    private static final Set<AuditType> FILE_TYPES = EnumSet.of(AuditType.UPLOAD, AuditType.UPLOAD_FAILED,
            AuditType.DOWNLOAD, AuditType.DOWNLOAD_FAILED, AuditType.DELETE, AuditType.RENAME, AuditType.FOLDER_CREATED,
            AuditType.FOLDER_REMOVED, AuditType.FILE_DENIED);

    private static final Map<String, AuditType> BY_TYPE = Arrays.stream(AuditType.values())
            .collect(Collectors.toUnmodifiableMap(AuditType::type, Function.identity()));

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private CloudEventJson() {
    }

    /** The event as one line of CloudEvents JSON. */
    public static String toJson(AuditEvent e) {
        try {
            return MAPPER.writeValueAsString(toTree(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("audit event " + e.id() + " cannot be written as JSON", ex);
        }
    }

    /** The event as a JSON tree (what {@link #toJson} writes). */
    public static ObjectNode toTree(AuditEvent e) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("specversion", SPEC_VERSION);
        root.put("id", e.id());
        root.put("source", e.source());
        root.put("type", e.type().type());
        root.put("time", DateTimeFormatter.ISO_INSTANT.format(e.time()));
        String subject = subject(e);
        if (subject != null) {
            root.put("subject", subject);
        }
        root.put("datacontenttype", DATA_CONTENT_TYPE);
        if (e.traceparent() != null) {
            root.put(TRACEPARENT, e.traceparent());
        }
        ObjectNode data = root.putObject("data");
        putIfPresent(data, "tenant", e.tenant());
        putIfPresent(data, "user", e.user());
        putIfPresent(data, "protocol", e.protocol());
        putIfPresent(data, "clientAddress", e.clientAddress());
        putIfPresent(data, "sessionId", e.sessionId());
        putIfPresent(data, "reason", e.reason());
        for (Map.Entry<String, Object> d : e.data().entrySet()) {
            if (d.getValue() != null && !COMMON_FIELDS.contains(d.getKey())) {
                data.set(d.getKey(), MAPPER.valueToTree(d.getValue()));
            }
        }
        return root;
    }

    /** The path for file and folder events, else null. */
    public static String subject(AuditEvent e) {
        return FILE_TYPES.contains(e.type()) && e.data().get("path") instanceof String p ? p : null;
    }

    /**
     * Reads a CloudEvent written by {@link #toJson}. Integral numbers in {@code data} come back as {@link Long},
     * other numbers as {@link Double}, objects as maps and arrays as lists.
     *
     * @throws IllegalArgumentException when the text is not a Wharf audit CloudEvent
     */
    public static AuditEvent parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("not JSON: " + ex.getOriginalMessage(), ex);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a CloudEvent must be a JSON object");
        }
        String spec = text(root, "specversion");
        if (!SPEC_VERSION.equals(spec)) {
            throw new IllegalArgumentException("unsupported specversion " + spec);
        }
        String typeName = required(root, "type");
        AuditType type = BY_TYPE.get(typeName);
        if (type == null) {
            throw new IllegalArgumentException("unknown audit event type " + typeName);
        }
        Instant time;
        try {
            time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(required(root, "time"), Instant::from);
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("time is not RFC 3339: " + ex.getParsedString(), ex);
        }
        JsonNode data = root.path("data");
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : data.properties()) {
            if (!COMMON_FIELDS.contains(f.getKey())) {
                extra.put(f.getKey(), plain(f.getValue()));
            }
        }
        return new AuditEvent(required(root, "id"), type, required(root, "source"), time, text(data, "tenant"),
                text(data, "user"), text(data, "protocol"), text(data, "clientAddress"), text(data, "sessionId"),
                text(data, "reason"), extra, text(root, TRACEPARENT));
    }

    /** The audit type of a CloudEvents {@code type} attribute, or null when it is not one of ours. */
    public static AuditType typeOf(String cloudEventType) {
        return BY_TYPE.get(cloudEventType);
    }

    private static Object plain(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNull()) {
            return null;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            n.elements().forEachRemaining(v -> l.add(plain(v)));
            return l;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        n.properties().forEach(f -> m.put(f.getKey(), plain(f.getValue())));
        return m;
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("CloudEvent attribute " + field + " is missing");
        }
        return v;
    }
}
