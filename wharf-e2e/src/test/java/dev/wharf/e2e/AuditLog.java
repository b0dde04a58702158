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

    /**
     * Polls until every predicate has matched some event and returns all seen; fails the test when one has not
     * matched by the deadline (an expected audit event that never came is a failure, not a shorter list).
     */
    @SafeVarargs
    final List<Entry> awaitAll(Duration timeout, Predicate<Entry>... wanted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Integer> missing = unmatched(wanted);
            if (missing.isEmpty()) {
                return List.copyOf(seen);
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("audit events not seen within " + timeout + ": expectation(s) " + missing
                        + " of " + wanted.length + " (counted from 0) matched none of the " + seen.size()
                        + " events seen; the last: " + seen.subList(Math.max(0, seen.size() - 5), seen.size()));
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                try {
                    seen.add(new Entry(r.key(), JSON.readTree(r.value())));
                } catch (IOException e) {
                    throw new UncheckedIOException("audit record is not JSON: " + r.value(), e);
                }
            }
        }
    }

    /** The indexes of the predicates no event seen so far matches. */
    @SafeVarargs
    private List<Integer> unmatched(Predicate<Entry>... wanted) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < wanted.length; i++) {
            Predicate<Entry> w = wanted[i];
            if (seen.stream().noneMatch(w)) {
                missing.add(i);
            }
        }
        return missing;
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
