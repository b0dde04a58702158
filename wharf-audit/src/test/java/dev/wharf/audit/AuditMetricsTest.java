package dev.wharf.audit;

import dev.wharf.audit.kafka.KafkaAuditSettings;
import dev.wharf.audit.kafka.KafkaAuditSink;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Operators see lost audit events as metrics, not only in the log. */
class AuditMetricsTest {
    @Test
    void droppedEventsShowAsACounter() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // port 1 on loopback: nothing listens, so nothing is ever delivered
        KafkaAuditSink sink = new KafkaAuditSink(KafkaAuditSettings.defaults("127.0.0.1:1", "wharf.audit")
                .withQueueCapacity(1).withCloseTimeout(Duration.ofMillis(200)).withMaxBlock(Duration.ofMillis(100)));
        AuditSinkProducer.bindMetrics(sink, registry);
        for (int i = 0; i < 10; i++) {
            sink.publish(AuditEvent.builder(AuditType.SESSION_OPENED, "/gateway-sftp").build());
        }
        sink.close();
        double dropped = registry.get("wharf.audit.events.dropped").functionCounter().count();
        double failed = registry.get("wharf.audit.events.failed").functionCounter().count();
        assertEquals(10, dropped + failed);
        assertEquals(0, registry.get("wharf.audit.events.delivered").functionCounter().count());
        assertEquals(0, registry.get("wharf.audit.queue.size").gauge().value());
        assertEquals(sink.stats().accepted(), registry.get("wharf.audit.events.accepted").functionCounter().count());
    }
}
