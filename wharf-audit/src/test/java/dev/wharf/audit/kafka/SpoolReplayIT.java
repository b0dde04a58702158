package dev.wharf.audit.kafka;

import dev.wharf.audit.cloudevents.CloudEventJson;
import dev.wharf.audit.spool.SpoolSettings;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.launcher.KafkaServer;
import dev.wharf.launcher.Poll;
import dev.wharf.launcher.TestComponents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process stopped or crashed while Kafka was away: its next start sends what the spool holds, each event once,
 * with the id it was given when spooled. The broker is the test JVM's shared one; "Kafka down" is a port where
 * nothing listens, so only the spool carries events from one sink to the next.
 */
class SpoolReplayIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static AuditEvent event(String tenant, long n) {
        return AuditEvent.builder(AuditType.UPLOAD, "/gateway-sftp").tenant(tenant).user("alice").protocol("sftp")
                .clientAddress("192.0.2.1").sessionId("s-" + tenant).data("path", "/f" + n).data("bytes", n)
                .build();
    }

    private static KafkaAuditSettings down(Path spool) throws IOException {
        return KafkaAuditSettings.defaults("127.0.0.1:" + deadPort(), "unused", spool)
                .withSpool(SpoolSettings.defaults(spool).withSegmentBytes(16 * 1024))
                .withCloseTimeout(Duration.ofMillis(500)).withMaxBlock(Duration.ofMillis(200));
    }

    @Test
    void eventsSpooledWhileKafkaWasDownReachTheTopicAtTheNextStartOnceEachById() throws IOException {
        KafkaServer kafka = TestComponents.kafka();
        Path spool = TestComponents.newWorkDir("spool-replay");
        String topic = AuditTopic.unique();
        List<AuditEvent> sent = new ArrayList<>();
        try (KafkaAuditSink first = new KafkaAuditSink(down(spool))) {
            for (int i = 0; i < 200; i++) {
                AuditEvent e = event(i % 3 == 0 ? "globex" : "acme", i);
                first.publish(e);
                sent.add(e);
            }
            assertEquals(0, first.stats().delivered());
        } // stopped with Kafka still away: 200 events stay spooled, in several 16 KiB segments

        KafkaAuditSettings up = KafkaAuditSettings.defaults(kafka.bootstrapServers(), topic, spool)
                .withSpool(SpoolSettings.defaults(spool).withSegmentBytes(16 * 1024));
        try (KafkaAuditSink second = new KafkaAuditSink(up)) {
            for (int i = 200; i < 210; i++) {
                AuditEvent e = event("acme", i);
                second.publish(e);
                sent.add(e);
            }
            Poll.until("the replayed and the new events to be acknowledged", WAIT, kafka.process(),
                    () -> second.stats().delivered() == sent.size());
        }
        try (KafkaAuditSink third = new KafkaAuditSink(up)) {
            assertEquals(0, third.stats().spoolBytes(), "everything acknowledged: nothing left to send again");
        }
        try (Stream<Path> files = Files.list(spool)) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".spool")).count(),
                    "acknowledged segments are deleted; only the last start's empty one is left");
        }

        List<ConsumerRecord<String, String>> records = AuditTopic.read(kafka.bootstrapServers(), topic, sent.size(),
                WAIT);
        List<AuditEvent> received = records.stream().map(r -> CloudEventJson.parse(r.value())).toList();
        Set<String> ids = new HashSet<>();
        received.forEach(e -> ids.add(e.id()));
        assertEquals(sent.size(), received.size(), "no duplicates");
        assertEquals(sent.stream().map(AuditEvent::id).collect(java.util.stream.Collectors.toSet()), ids,
                "every event, with the id it got when spooled");
        for (String tenant : List.of("acme", "globex")) {
            assertEquals(sent.stream().filter(e -> tenant.equals(e.tenant())).toList(),
                    received.stream().filter(e -> tenant.equals(e.tenant())).toList(), tenant + "'s events in order");
        }
    }

    @Test
    void aProcessKilledWhileKafkaIsDownLosesNoEventWhosePublishReturned() throws Exception {
        KafkaServer kafka = TestComponents.kafka();
        Path spool = TestComponents.newWorkDir("spool-killed");
        String topic = AuditTopic.unique();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SpoolingChild.class.getName(), spool.toString(), "127.0.0.1:" + deadPort(), "100000")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            // kill it in the middle of its stream of publishes, Kafka never having been reachable
            for (String line = out.readLine(); line != null && acknowledged.size() < 300
                    && System.nanoTime() < deadline; line = out.readLine()) {
                if (line.startsWith("spooled ")) {
                    acknowledged.add(line.substring("spooled ".length()));
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no final save
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(300, acknowledged.size(), "the child published 300 events before it was killed");

        KafkaAuditSettings up = KafkaAuditSettings.defaults(kafka.bootstrapServers(), topic, spool);
        long spooled;
        try (KafkaAuditSink next = new KafkaAuditSink(up)) {
            spooled = next.stats().spoolBytes();
            Poll.until("the killed process's events to be acknowledged", WAIT, kafka.process(),
                    () -> next.stats().spoolBytes() == 0 && next.stats().delivered() >= acknowledged.size());
        }
        assertTrue(spooled > 0);
        List<String> ids = AuditTopic.read(kafka.bootstrapServers(), topic, acknowledged.size(), WAIT).stream()
                .map(r -> CloudEventJson.parse(r.value()).id()).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no id twice");
        assertTrue(ids.containsAll(acknowledged), "every event whose publish returned is on the topic");
        assertEquals(acknowledged, ids.subList(0, acknowledged.size()), "in the order they were published");
    }

    @Test
    void aTornWriteLeftByACrashIsSkippedAndCountedAndTheEventsBeforeItArrive() throws IOException {
        KafkaServer kafka = TestComponents.kafka();
        Path spool = TestComponents.newWorkDir("spool-torn");
        String topic = AuditTopic.unique();
        List<AuditEvent> sent = new ArrayList<>();
        try (KafkaAuditSink first = new KafkaAuditSink(down(spool))) {
            for (int i = 0; i < 3; i++) {
                AuditEvent e = event("acme", i);
                first.publish(e);
                sent.add(e);
            }
        }
        Path last;
        try (Stream<Path> files = Files.list(spool)) {
            last = files.filter(p -> p.toString().endsWith(".spool")).sorted().toList().getLast();
        }
        // the process died inside a write: a frame header and part of its payload
        try (FileChannel ch = FileChannel.open(last, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.allocate(40).putInt(300).putInt(7).flip());
        }
        KafkaAuditSettings up = KafkaAuditSettings.defaults(kafka.bootstrapServers(), topic, spool);
        try (KafkaAuditSink second = new KafkaAuditSink(up)) {
            Poll.until("the three whole events to be acknowledged", WAIT, kafka.process(),
                    () -> second.stats().delivered() == 3 && second.stats().corruptFrames() == 1);
        }
        List<ConsumerRecord<String, String>> records = AuditTopic.read(kafka.bootstrapServers(), topic, 3, WAIT);
        assertEquals(sent, records.stream().map(r -> CloudEventJson.parse(r.value())).toList());
    }
}
