package dev.wharf.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads the audit topic back, the way an auditor would: every CloudEvent with its record key. */
final class AuditLog implements AutoCloseable {
    /** One audit record: the Kafka key and the parsed CloudEvent. */
    record Entry(String key, JsonNode event) {
        String type() {
            return event.path("type").asText();
        }

        JsonNode data() {
            return event.path("data");
        }

        String sessionId() {
            return data().path("sessionId").asText(null);
        }

        /** The CloudEvents distributed tracing extension: the W3C trace context of the recorded action. */
        String traceparent() {
            return event.path("traceparent").asText(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaConsumer<String, String> consumer;
    private final List<Entry> seen = new ArrayList<>();

    AuditLog(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until every predicate has matched some event (or the deadline passes) and returns all seen. */
    @SafeVarargs
    final List<Entry> awaitAll(Duration timeout, Predicate<Entry>... wanted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (allMatched(wanted)) {
                return List.copyOf(seen);
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                try {
                    seen.add(new Entry(r.key(), JSON.readTree(r.value())));
                } catch (IOException e) {
                    throw new UncheckedIOException("audit record is not JSON: " + r.value(), e);
                }
            }
        }
        return List.copyOf(seen);
    }

    @SafeVarargs
    private boolean allMatched(Predicate<Entry>... wanted) {
        for (Predicate<Entry> w : wanted) {
            if (seen.stream().noneMatch(w)) {
                return false;
            }
        }
        return true;
    }

    static Predicate<Entry> of(String sessionId, String type) {
        return e -> type.equals(e.type()) && sessionId.equals(e.sessionId());
    }

    static Predicate<Entry> of(String type, Map<String, String> dataFields) {
        return e -> type.equals(e.type()) && dataFields.entrySet().stream()
                .allMatch(f -> f.getValue().equals(e.data().path(f.getKey()).asText(null)));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
