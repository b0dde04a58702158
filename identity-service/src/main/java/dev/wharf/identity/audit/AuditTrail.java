package dev.wharf.identity.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.audit.AuditConfig;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads pages of the audit topic for the admin API: a short-lived consumer per request (no consumer group, nothing
 * committed), from a time or a previous page's end to the end the topic had when the request came, filtered by
 * tenant (the record key), user and type.
 */
@ApplicationScoped
public class AuditTrail {
    /** The most events one page holds. */
    public static final int MAX_LIMIT = 5_000;
    /** How long one page may read before it answers with what it has. */
    static final Duration READ_BUDGET = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    private final AuditConfig config;

    @Inject
    public AuditTrail(AuditConfig config) {
        this.config = config;
    }

    /** One page; 503 {@code service_unavailable} when Kafka cannot be read. */
    public AuditPage read(AuditQuery q) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties(), new StringDeserializer(),
                new StringDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(config.topic(), CALL_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                return new AuditPage(List.of(), AuditCursor.format(q.after()));
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, CALL_TIMEOUT);
            Map<Integer, Long> next = start(consumer, partitions, end, q);
            List<JsonNode> events = new ArrayList<>();
            long deadline = System.nanoTime() + READ_BUDGET.toNanos();
            while (events.size() < q.limit() && behind(next, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    long stop = end.get(new TopicPartition(r.topic(), r.partition()));
                    if (events.size() >= q.limit() || r.offset() >= stop || r.offset() < next.get(r.partition())) {
                        continue;
                    }
                    next.put(r.partition(), r.offset() + 1);
                    JsonNode event = matching(r, q);
                    if (event != null) {
                        events.add(event);
                    }
                }
            }
            events.sort(Comparator.comparing(e -> e.path("time").asText()));
            return new AuditPage(events, AuditCursor.format(next));
        } catch (KafkaException e) {
            LOG.warnf("audit trail: cannot read %s: %s", config.topic(), e.getMessage());
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, "the audit trail (Kafka) cannot be read now");
        }
    }

    /** Positions every partition; answers where each starts. */
    private static Map<Integer, Long> start(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions,
                                            Map<TopicPartition, Long> end, AuditQuery q) {
        Map<Integer, Long> next = new HashMap<>();
        Map<TopicPartition, Long> times = new HashMap<>();
        for (TopicPartition p : partitions) {
            Long at = q.after().get(p.partition());
            if (at != null) {
                next.put(p.partition(), at);
            } else {
                times.put(p, q.since().toEpochMilli());
            }
        }
        if (!times.isEmpty()) {
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, CALL_TIMEOUT);
            times.keySet().forEach(p -> {
                OffsetAndTimestamp o = found.get(p);
                next.put(p.partition(), o == null ? end.get(p) : o.offset());
            });
        }
        partitions.forEach(p -> consumer.seek(p, next.get(p.partition())));
        return next;
    }

    private static boolean behind(Map<Integer, Long> next, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().anyMatch(e -> next.get(e.getKey().partition()) < e.getValue());
    }

    /** The event if it passes the filters; null otherwise or when it is not JSON. */
    private static JsonNode matching(ConsumerRecord<String, String> r, AuditQuery q) {
        if (q.tenant() != null && !q.tenant().equals(r.key())) {
            return null;
        }
        JsonNode event;
        try {
            event = JSON.readTree(r.value());
        } catch (IOException e) {
            return null;
        }
        if (event == null || q.fullType() != null && !q.fullType().equals(event.path("type").asText())) {
            return null;
        }
        return q.user() == null || q.user().equals(event.path("data").path("user").asText()) ? event : null;
    }

    private Properties properties() {
        Properties props = new Properties();
        // the producer's connection settings (TLS, SASL) serve the reader too
        config.producer().forEach((k, v) -> {
            if (k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                props.put(k, v);
            }
        });
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "wharf-identity-audit-reader");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(CALL_TIMEOUT.toMillis()));
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return props;
    }
}
