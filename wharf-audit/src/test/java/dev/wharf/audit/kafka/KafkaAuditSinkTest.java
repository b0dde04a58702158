package dev.wharf.audit.kafka;

import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sink's behaviour without any broker: bounded memory, no blocking, and nothing lost silently. */
class KafkaAuditSinkTest {
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aFullQueueDropsToTheLogAndNeverBlocks() throws IOException {
        List<String> undelivered = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                undelivered.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(KafkaAuditSink.UNDELIVERED_LOGGER);
        log.addHandler(capture);
        KafkaAuditSettings settings = KafkaAuditSettings.defaults("127.0.0.1:" + closedPort(), "wharf.audit")
                .withQueueCapacity(5).withCloseTimeout(Duration.ofMillis(500)).withMaxBlock(Duration.ofMillis(200));
        try {
            KafkaAuditSink sink = new KafkaAuditSink(settings);
            long slowest = 0;
            for (int i = 0; i < 40; i++) {
                long t = System.nanoTime();
                sink.publish(AuditEvent.builder(AuditType.DELETE, "/gateway-ftp").tenant("acme").user("u")
                        .data("path", "/secretless-" + i).build());
                slowest = Math.max(slowest, System.nanoTime() - t);
            }
            assertTrue(slowest < Duration.ofMillis(200).toNanos(), "publish took " + slowest / 1_000_000 + " ms");
            KafkaAuditSink.Stats s = sink.stats();
            assertTrue(s.accepted() <= 6, "queue of 5 plus the one the sender holds: " + s);
            assertEquals(40, s.accepted() + s.dropped(), s.toString());
            sink.close();
            KafkaAuditSink.Stats after = sink.stats();
            assertEquals(0, after.delivered());
            assertEquals(40, after.dropped() + after.failed(), "every event is accounted for: " + after);
            assertEquals(40, undelivered.size(), "every lost event is in the log");
            assertTrue(undelivered.stream().anyMatch(l -> l.contains("/secretless-39")), undelivered.toString());
            assertTrue(sink.isClosed());
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void publishAfterCloseIsLoggedNotThrown() throws IOException {
        KafkaAuditSink sink = new KafkaAuditSink(KafkaAuditSettings.defaults("127.0.0.1:" + closedPort(), "t")
                .withCloseTimeout(Duration.ofMillis(100)));
        sink.close();
        sink.publish(AuditEvent.builder(AuditType.SESSION_OPENED, "/gateway-ftp").build());
        assertEquals(1, sink.stats().dropped());
    }

    @Test
    void recordsAreKeyedByTenantWithTheCloudEventsContentType() {
        KafkaAuditSink sink = new KafkaAuditSink(KafkaAuditSettings.defaults("127.0.0.1:1", "wharf.audit")
                .withCloseTimeout(Duration.ZERO));
        try {
            ProducerRecord<String, String> r = sink.toRecord(AuditEvent.builder(AuditType.UPLOAD, "/gateway-ftp")
                    .tenant("acme").data("path", "/a").build());
            assertEquals("wharf.audit", r.topic());
            assertEquals("acme", r.key());
            assertEquals("application/cloudevents+json",
                    new String(r.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
            assertEquals(KafkaAuditSink.PLATFORM_KEY,
                    sink.toRecord(AuditEvent.builder(AuditType.SESSION_OPENED, "/gateway-ftp").build()).key());
        } finally {
            sink.close();
        }
    }

    @Test
    void settingsRefuseWhatKafkaWouldRejectLater() {
        KafkaAuditSettings d = KafkaAuditSettings.defaults("127.0.0.1:9092", "wharf.audit");
        assertThrows(IllegalArgumentException.class, () -> d.withDeliveryTimeout(Duration.ofSeconds(10)));
        assertThrows(IllegalArgumentException.class, () -> d.withDeliveryTimeout(Duration.ofDays(30)));
        assertThrows(IllegalArgumentException.class, () -> d.withQueueCapacity(0));
        assertThrows(IllegalArgumentException.class, () -> KafkaAuditSettings.defaults(" ", "wharf.audit"));
    }
}
