package dev.wharf.audit;

import dev.wharf.audit.kafka.KafkaAuditSettings;
import dev.wharf.audit.kafka.KafkaAuditSink;
import dev.wharf.audit.spool.SpoolSettings;
import dev.wharf.core.WharfException;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operators see spooled, refused and refusing as metrics, not only in the log. */
class AuditMetricsTest {
    @TempDir
    Path dir;

    @Test
    void spooledRefusedAndRefusingShowAsMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // port 1 on loopback: nothing listens, so nothing is ever delivered
        KafkaAuditSink sink = new KafkaAuditSink(KafkaAuditSettings.defaults("127.0.0.1:1", "wharf.audit", dir)
                .withSpool(new SpoolSettings(dir, 4096, 1024, 4096))
                .withCloseTimeout(Duration.ofMillis(200)).withMaxBlock(Duration.ofMillis(100)));
        try {
            AuditSinkProducer.bindMetrics(sink, registry);
            assertEquals(0, registry.get("wharf.audit.spool.refusing").gauge().value());
            int refused = 0;
            for (int i = 0; i < 100; i++) {
                try {
                    sink.publish(AuditEvent.builder(AuditType.SESSION_OPENED, "/gateway-sftp").sessionId("s-" + i)
                            .build());
                } catch (WharfException e) {
                    refused++;
                }
            }
            assertTrue(refused > 0, "a 4 KiB spool refuses some of 100 events");
            assertEquals(refused, registry.get("wharf.audit.events.dropped").functionCounter().count());
            assertEquals(100 - refused, registry.get("wharf.audit.events.accepted").functionCounter().count());
            assertEquals(0, registry.get("wharf.audit.events.delivered").functionCounter().count());
            assertEquals(1, registry.get("wharf.audit.spool.refusing").gauge().value());
            assertTrue(registry.get("wharf.audit.spool.bytes").gauge().value() > 3072);
            assertEquals(0, registry.get("wharf.audit.spool.corrupt").functionCounter().count());
        } finally {
            sink.close();
        }
    }
}
