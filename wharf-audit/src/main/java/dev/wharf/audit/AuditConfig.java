package dev.wharf.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
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

    /** The local spool every event is forced to before it is acknowledged ({@code wharf.audit.spool.*}). */
    Spool spool();

    /** The spool: one directory per process, on a volume that survives the process (a PVC per replica). */
    interface Spool {
        /** This process's own directory; defaults to {@code .wharf/spool/<application name>} under the working directory. */
        Optional<Path> directory();

        /** Bytes of events not yet acknowledged by Kafka the spool may hold; past it events are refused. */
        @WithDefault("1073741824")
        long maxSize();

        /** Bytes kept for the events of work already started: new logins and transfers are refused once less is left. */
        @WithDefault("16777216")
        long headroom();

        /** Size at which a segment file is closed and a new one started; wholly acknowledged segments are deleted. */
        @WithDefault("67108864")
        long segmentSize();
    }

    /** Further producer properties, e.g. {@code wharf.audit.producer."security.protocol"=SASL_SSL}; cannot weaken acks or idempotence. */
    Map<String, String> producer();
}
