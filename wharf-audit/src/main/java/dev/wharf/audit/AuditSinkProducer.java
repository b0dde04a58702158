package dev.wharf.audit;

import dev.wharf.audit.kafka.KafkaAuditSettings;
import dev.wharf.audit.kafka.KafkaAuditSink;
import dev.wharf.audit.log.LoggingAuditSink;
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
        LOG.infof("audit events go to Kafka %s, topic %s", config.bootstrapServers(), config.topic());
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
        return new KafkaAuditSettings(c.bootstrapServers(), c.topic(), clientId, c.deliveryTimeout(), c.maxBlock(),
                c.linger(), c.bufferMemory(), c.queueCapacity(), c.closeTimeout(), c.producer());
    }

    static void bindMetrics(KafkaAuditSink sink, MeterRegistry registry) {
        FunctionCounter.builder("wharf.audit.events.accepted", sink, s -> s.stats().accepted())
                .description("Audit events queued for Kafka").register(registry);
        FunctionCounter.builder("wharf.audit.events.delivered", sink, s -> s.stats().delivered())
                .description("Audit events acknowledged by Kafka").register(registry);
        FunctionCounter.builder("wharf.audit.events.dropped", sink, s -> s.stats().dropped())
                .description("Audit events not sent because the queue was full or the service stopped (logged)")
                .register(registry);
        FunctionCounter.builder("wharf.audit.events.failed", sink, s -> s.stats().failed())
                .description("Audit events Kafka did not acknowledge within the delivery timeout (logged)")
                .register(registry);
        Gauge.builder("wharf.audit.queue.size", sink, s -> s.stats().queued())
                .description("Audit events waiting in memory for the producer").register(registry);
    }
}
