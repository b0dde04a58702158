package dev.wharf.audit;

import dev.wharf.audit.kafka.KafkaAuditSettings;
import dev.wharf.audit.kafka.KafkaAuditSink;
import dev.wharf.audit.log.LoggingAuditSink;
import dev.wharf.audit.spool.SpoolSettings;
import dev.wharf.core.audit.AuditSink;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Gives every Quarkus service its {@link AuditSink}: Kafka when {@code wharf.audit.enabled}, else the log. A
 * {@link DefaultBean}, so a service can still declare a sink of its own. {@link Singleton} so it is created when
 * injected, on a Quarkus thread, never lazily from a protocol library's thread.
 */
@ApplicationScoped
public class AuditSinkProducer {
    private static final Logger LOG = Logger.getLogger(AuditSinkProducer.class);

    @Produces
    @Singleton
    @DefaultBean
    AuditSink auditSink(AuditConfig config, Instance<MeterRegistry> registries,
                        @ConfigProperty(name = "quarkus.application.name") Optional<String> appName) {
        if (!config.enabled()) {
            LOG.info("audit to Kafka disabled (wharf.audit.enabled=false): events go to the log as wharf.audit");
            return new LoggingAuditSink();
        }
        KafkaAuditSink sink = new KafkaAuditSink(settings(config, appName));
        LOG.infof("audit events go to Kafka %s, topic %s, through the spool %s", config.bootstrapServers(),
                config.topic(), settings(config, appName).spool().directory().toAbsolutePath());
        if (registries.isResolvable()) {
            bindMetrics(sink, registries.get());
        }
        return sink;
    }

    void close(@Disposes AuditSink sink) {
        if (sink instanceof KafkaAuditSink k) {
            k.close();
        }
    }

    static KafkaAuditSettings settings(AuditConfig c, Optional<String> appName) {
        String clientId = c.clientId().orElse(appName.map(n -> "wharf-" + n.replaceFirst("^wharf-", "")).orElse(null));
        Path dir = c.spool().directory().orElseGet(() -> defaultSpoolDirectory(appName));
        SpoolSettings spool = new SpoolSettings(dir, c.spool().maxSize(), c.spool().headroom(),
                c.spool().segmentSize());
        return new KafkaAuditSettings(c.bootstrapServers(), c.topic(), clientId, c.deliveryTimeout(), c.maxBlock(),
                c.linger(), c.bufferMemory(), spool, c.closeTimeout(), c.producer());
    }

    /** {@code .wharf/spool/<application name>} under the working directory, as {@code ./wharf up} lays it out. */
    static Path defaultSpoolDirectory(Optional<String> appName) {
        return Path.of(".wharf", "spool", appName.map(n -> n.replaceFirst("^wharf-", "")).orElse("service"));
    }

    static void bindMetrics(KafkaAuditSink sink, MeterRegistry registry) {
        FunctionCounter.builder("wharf.audit.events.accepted", sink, s -> s.stats().accepted())
                .description("Audit events forced to the spool").register(registry);
        FunctionCounter.builder("wharf.audit.events.delivered", sink, s -> s.stats().delivered())
                .description("Audit events acknowledged by Kafka").register(registry);
        FunctionCounter.builder("wharf.audit.events.dropped", sink, s -> s.stats().dropped())
                .description("Audit events refused because the spool was full or its disk failed (logged whole)")
                .register(registry);
        FunctionCounter.builder("wharf.audit.events.failed", sink, s -> s.stats().failed())
                .description("Audit records Kafka failed (delivery timeout, fatal error): sent again from the spool")
                .register(registry);
        Gauge.builder("wharf.audit.spool.bytes", sink, s -> s.stats().spoolBytes())
                .description("Bytes of spooled audit events not yet acknowledged by Kafka").baseUnit("bytes")
                .register(registry);
        Gauge.builder("wharf.audit.spool.refusing", sink, s -> s.accepting() ? 0 : 1)
                .description("1 while new logins and transfers are refused (audit_unavailable): spool full or "
                        + "its disk failing").register(registry);
        FunctionCounter.builder("wharf.audit.spool.corrupt", sink, s -> s.stats().corruptFrames())
                .description("Torn or corrupt spool frames skipped (logged on wharf.audit.undelivered)")
                .register(registry);
    }
}
