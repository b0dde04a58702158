package dev.wharf.audit.kafka;

import dev.wharf.audit.health.AuditSpoolReadiness;
import dev.wharf.audit.spool.AuditSpool;
import dev.wharf.audit.spool.SpoolSettings;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.launcher.Poll;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sink without any broker: publish is bounded by the spool, never by Kafka, and nothing is lost silently. */
class KafkaAuditSinkTest {
    @TempDir
    Path dir;

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static AuditEvent upload(int n) {
        return AuditEvent.builder(AuditType.UPLOAD, "/gateway-ftp").tenant("acme").user("u")
                .data("path", "/secretless-" + n).data("bytes", 1L).build();
    }

    @Test
    void aFullSpoolStopsAcceptingThenRefusesWithAuditUnavailableAndLogsTheEvent() throws IOException {
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
        KafkaAuditSettings settings = KafkaAuditSettings.defaults("127.0.0.1:" + closedPort(), "wharf.audit", dir)
                .withSpool(new SpoolSettings(dir, 8 * 1024, 2 * 1024, 4 * 1024))
                .withCloseTimeout(Duration.ofMillis(300)).withMaxBlock(Duration.ofMillis(200));
        try (KafkaAuditSink sink = new KafkaAuditSink(settings)) {
            int n = 0;
            for (; n < 1_000 && sink.accepting(); n++) {
                sink.publish(upload(n)); // returns once on disk, Kafka never reachable (KafkaAuditSinkIT times it)
            }
            assertTrue(n > 10 && n < 1_000, n + " events before the headroom");
            assertEquals(AuditSpool.State.FULL, sink.stats().spoolState());
            HealthCheckResponse full = new AuditSpoolReadiness(sink).call();
            assertEquals(HealthCheckResponse.Status.UP, full.getStatus(),
                    "a full spool refuses in its replies; every replica fills at once while Kafka is down");
            assertTrue(String.valueOf(full.getData().orElseThrow().get("state")).startsWith("full"), full.toString());
            WharfException refused = null;
            for (int i = 0; i < 1_000 && refused == null; i++, n++) {
                try {
                    sink.publish(upload(n));
                } catch (WharfException e) {
                    refused = e;
                }
            }
            assertTrue(refused != null, "the spool refuses at its limit");
            assertEquals(Reason.AUDIT_UNAVAILABLE, refused.reason());
            KafkaAuditSink.Stats s = sink.stats();
            assertEquals(n, s.accepted() + s.dropped(), "every event spooled or refused: " + s);
            assertEquals(1, s.dropped());
            assertEquals(0, s.delivered());
            int last = n - 1;
            assertTrue(undelivered.stream().anyMatch(l -> l.contains("/secretless-" + last + "\"")),
                    "the refused event is in the log whole: " + undelivered);
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void aSpoolWhoseDiskFailsRefusesAndTakesEventsAgainOnceItCanWrite() throws IOException {
        Path spool = dir.resolve("spool");
        KafkaAuditSettings settings = KafkaAuditSettings.defaults("127.0.0.1:" + closedPort(), "wharf.audit", spool)
                .withSpool(new SpoolSettings(spool, 64 * 1024, 4 * 1024, 4 * 1024))
                .withCloseTimeout(Duration.ofMillis(300)).withMaxBlock(Duration.ofMillis(200));
        try (KafkaAuditSink sink = new KafkaAuditSink(settings)) {
            sink.publish(upload(0));
            // the volume goes away under the process: the next segment cannot be created
            try (Stream<Path> files = Files.list(spool)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(spool);
            WharfException refused = null;
            for (int i = 1; i < 200 && refused == null; i++) {
                try {
                    sink.publish(upload(i));
                } catch (WharfException e) {
                    refused = e;
                }
            }
            assertTrue(refused != null, "a segment roll on a missing directory fails");
            assertEquals(Reason.AUDIT_UNAVAILABLE, refused.reason());
            assertEquals(AuditSpool.State.DISK_FAILED, sink.stats().spoolState());
            assertFalse(sink.accepting(), "new logins and transfers are refused");
            assertEquals(HealthCheckResponse.Status.DOWN, new AuditSpoolReadiness(sink).call().getStatus(),
                    "only this replica's disk fails: out of the load balancer");
            assertThrows(WharfException.class, () -> sink.publish(upload(1_000)));

            Files.createDirectories(spool);
            Poll.until("the spool to write again", Duration.ofSeconds(10), null, sink::accepting);
            sink.publish(upload(1_001));
            assertEquals(AuditSpool.State.ACCEPTING, sink.stats().spoolState());
            assertEquals(HealthCheckResponse.Status.UP, new AuditSpoolReadiness(sink).call().getStatus());
        }
    }

    @Test
    void publishAfterCloseRefusesWithAuditUnavailable() throws IOException {
        KafkaAuditSink sink = new KafkaAuditSink(KafkaAuditSettings.defaults("127.0.0.1:" + closedPort(), "t", dir)
                .withCloseTimeout(Duration.ofMillis(100)));
        sink.close();
        assertTrue(sink.isClosed());
        assertFalse(sink.accepting());
        WharfException e = assertThrows(WharfException.class,
                () -> sink.publish(AuditEvent.builder(AuditType.SESSION_OPENED, "/gateway-ftp").build()));
        assertEquals(Reason.AUDIT_UNAVAILABLE, e.reason());
        assertEquals(1, sink.stats().dropped());
    }

    @Test
    void recordsAreKeyedByTenantWithTheCloudEventsContentType() {
        KafkaAuditSink sink = new KafkaAuditSink(KafkaAuditSettings.defaults("127.0.0.1:1", "wharf.audit", dir)
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
    void settingsRefuseWhatKafkaOrTheSpoolWouldRejectLater() {
        KafkaAuditSettings d = KafkaAuditSettings.defaults("127.0.0.1:9092", "wharf.audit", dir);
        assertEquals(1L << 30, d.spool().maxBytes());
        assertThrows(IllegalArgumentException.class, () -> d.withDeliveryTimeout(Duration.ofSeconds(10)));
        assertThrows(IllegalArgumentException.class, () -> d.withDeliveryTimeout(Duration.ofDays(30)));
        assertThrows(IllegalArgumentException.class, () -> new SpoolSettings(dir, 1024, 0, 4096));
        assertThrows(IllegalArgumentException.class, () -> new SpoolSettings(dir, 8192, 8192, 4096));
        assertThrows(IllegalArgumentException.class, () -> KafkaAuditSettings.defaults(" ", "wharf.audit", dir));
    }
}
