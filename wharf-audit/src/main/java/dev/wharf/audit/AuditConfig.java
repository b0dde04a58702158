package dev.wharf.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Audit trail settings shared by every service ({@code wharf.audit.*}, or {@code WHARF_AUDIT_*} in the environment). */
@ConfigMapping(prefix = "wharf.audit")
public interface AuditConfig {
    /** Publish events to Kafka; when false they are written as JSON lines on the logger {@code wharf.audit}. */
    @WithDefault("true")
    boolean enabled();

    /** Kafka bootstrap servers, comma-separated {@code host:port}. */
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /** The audit topic; auto-created by a local broker, must exist beforehand in a cluster. */
    @WithDefault("wharf.audit")
    String topic();

    /** Kafka client id; defaults to {@code wharf-} plus the service's application name. */
    Optional<String> clientId();

    /** How long an event may wait for Kafka (retries included) before it counts as lost and goes to the log. */
    @WithDefault("PT24H")
    Duration deliveryTimeout();

    /** Events held in memory in front of the producer while it cannot accept them; beyond that they are dropped to the log. */
    @WithDefault("100000")
    int queueCapacity();

    /** Bytes the producer may hold for events not yet acknowledged (Kafka {@code buffer.memory}). */
    @WithDefault("33554432")
    long bufferMemory();

    /** How long the sender thread waits for metadata or buffer space per attempt (Kafka {@code max.block.ms}). */
    @WithDefault("PT1S")
    Duration maxBlock();

    /** How long the producer waits to batch events (Kafka {@code linger.ms}). */
    @WithDefault("PT0.005S")
    Duration linger();

    /** How long shutdown waits for pending events to be acknowledged before logging them as undelivered. */
    @WithDefault("PT10S")
    Duration closeTimeout();

    /** Further producer properties, e.g. {@code wharf.audit.producer."security.protocol"=SASL_SSL}; cannot weaken acks or idempotence. */
    Map<String, String> producer();
}
