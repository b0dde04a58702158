package dev.wharf.audit.kafka;

import dev.wharf.audit.spool.SpoolSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link KafkaAuditSink} needs, independent of how it was configured (Quarkus config in the services,
 * plain values in tests).
 *
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param topic            the audit topic, {@code wharf.audit}
 * @param clientId         Kafka client id (shows up in broker logs and quotas), e.g. {@code wharf-gateway-ftp}
 * @param deliveryTimeout  how long the producer keeps retrying a record before it counts as lost
 * @param maxBlock         how long the sender thread waits for metadata or buffer space per attempt
 * @param linger           how long the producer waits to batch records
 * @param bufferMemory     bytes the producer may hold for records not yet acknowledged
 * @param spool            the local spool every event is written to before {@code publish} returns
 * @param closeTimeout     how long {@link KafkaAuditSink#close()} waits for pending events to be acknowledged
 * @param extra            further producer properties (security.protocol, sasl.*, ssl.*, compression.type ...);
 *                         they cannot weaken the delivery guarantees (acks, idempotence)
 */
public record KafkaAuditSettings(String bootstrapServers, String topic, String clientId, Duration deliveryTimeout,
                                 Duration maxBlock, Duration linger, long bufferMemory, SpoolSettings spool,
                                 Duration closeTimeout, Map<String, String> extra) {
    /** The producer's own request timeout; Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public KafkaAuditSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        extra = extra == null ? Map.of() : Map.copyOf(extra);
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("wharf.audit.bootstrap-servers is empty");
        }
        if (topic.isBlank()) {
            throw new IllegalArgumentException("wharf.audit.topic is empty");
        }
        Objects.requireNonNull(spool, "spool");
        if (deliveryTimeout.compareTo(linger.plus(REQUEST_TIMEOUT)) < 0) {
            throw new IllegalArgumentException("wharf.audit.delivery-timeout must be at least linger + 30 s, got "
                    + deliveryTimeout);
        }
        if (deliveryTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("wharf.audit.delivery-timeout must be at most ~24 days, got "
                    + deliveryTimeout);
        }
    }

    /** The documented defaults for a broker, a topic and this process's own spool directory. */
    public static KafkaAuditSettings defaults(String bootstrapServers, String topic, Path spoolDirectory) {
        return new KafkaAuditSettings(bootstrapServers, topic, null, Duration.ofHours(24), Duration.ofSeconds(1),
                Duration.ofMillis(5), 32L * 1024 * 1024, SpoolSettings.defaults(spoolDirectory),
                Duration.ofSeconds(10), Map.of());
    }

    public KafkaAuditSettings withDeliveryTimeout(Duration d) {
        return new KafkaAuditSettings(bootstrapServers, topic, clientId, d, maxBlock, linger, bufferMemory,
                spool, closeTimeout, extra);
    }

    public KafkaAuditSettings withSpool(SpoolSettings s) {
        return new KafkaAuditSettings(bootstrapServers, topic, clientId, deliveryTimeout, maxBlock, linger,
                bufferMemory, s, closeTimeout, extra);
    }

    public KafkaAuditSettings withCloseTimeout(Duration d) {
        return new KafkaAuditSettings(bootstrapServers, topic, clientId, deliveryTimeout, maxBlock, linger,
                bufferMemory, spool, d, extra);
    }

    public KafkaAuditSettings withMaxBlock(Duration d) {
        return new KafkaAuditSettings(bootstrapServers, topic, clientId, deliveryTimeout, d, linger, bufferMemory,
                spool, closeTimeout, extra);
    }
}
