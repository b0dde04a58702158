package dev.wharf.audit.kafka;

import dev.wharf.audit.cloudevents.CloudEventJson;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.launcher.KafkaServer;
import dev.wharf.launcher.Poll;
import dev.wharf.launcher.Ports;
import dev.wharf.launcher.TestComponents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kafka sink against real brokers: what lands on the topic, and what happens while the broker is away. */
class KafkaAuditSinkIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static AuditEvent event(AuditType type, String tenant, String session, long n) {
        return AuditEvent.builder(type, "/gateway-ftp").tenant(tenant).user(tenant == null ? null : "alice")
                .protocol("ftps").clientAddress("192.0.2.1").sessionId(session).data("path", "/f" + n)
                .data("seq", n).build();
    }

    @Test
    void eventsLandWithTenantKeyContentTypeAndCloudEventJson() {
        KafkaServer kafka = TestComponents.kafka();
        String topic = AuditTopic.unique();
        List<AuditEvent> sent = new ArrayList<>();
        try (KafkaAuditSink sink = new KafkaAuditSink(KafkaAuditSettings.defaults(kafka.bootstrapServers(), topic,
                TestComponents.newWorkDir("spool")))) {
            for (int i = 0; i < 5; i++) {
                sent.add(event(AuditType.UPLOAD, "acme", "s-acme", i));
                sent.add(event(AuditType.DOWNLOAD, "globex", "s-globex", i));
            }
            sent.add(AuditEvent.builder(AuditType.POLICY_DENIED, "/gateway-sftp").protocol("sftp")
                    .clientAddress("203.0.113.66").sessionId("s-banned").reason("address_banned")
                    .data("stage", "connect").build());
            sent.forEach(sink::publish);
            Poll.until("Kafka to acknowledge every event", WAIT, kafka.process(),
                    () -> sink.stats().delivered() == sent.size());
            assertEquals(0, sink.stats().dropped());
        }

        List<ConsumerRecord<String, String>> records = AuditTopic.read(kafka.bootstrapServers(), topic, sent.size(), WAIT);
        assertEquals(sent.size(), records.size());
        Map<String, List<AuditEvent>> byKey = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(r -> CloudEventJson.parse(r.value()), Collectors.toList())));
        assertEquals(sent.stream().filter(e -> "acme".equals(e.tenant())).toList(), byKey.get("acme"),
                "acme's events, whole and in order");
        assertEquals(sent.stream().filter(e -> "globex".equals(e.tenant())).toList(), byKey.get("globex"));
        assertEquals(List.of(sent.get(sent.size() - 1)), byKey.get(KafkaAuditSink.PLATFORM_KEY),
                "an event without a tenant is keyed _platform");
        for (ConsumerRecord<String, String> r : records) {
            Header ct = r.headers().lastHeader("content-type");
            assertNotNull(ct);
            assertEquals("application/cloudevents+json", new String(ct.value(), StandardCharsets.UTF_8));
            assertTrue(r.value().startsWith("{\"specversion\":\"1.0\""), r.value());
        }
    }

    @Test
    void publishNeverBlocksWhileTheBrokerIsDownAndEverythingArrivesAfterItReturns() {
        Path dir = TestComponents.newWorkDir("kafka-restart");
        int port = Ports.free();
        int controllerPort = Ports.free();
        String bootstrap = "127.0.0.1:" + port;
        String topic = AuditTopic.unique();
        List<AuditEvent> sent = new ArrayList<>();
        // a long max.block: an implementation that let publish() reach the producer would block for seconds
        KafkaAuditSettings settings = KafkaAuditSettings.defaults(bootstrap, topic,
                TestComponents.newWorkDir("spool"))
                .withCloseTimeout(Duration.ofSeconds(30)).withMaxBlock(Duration.ofSeconds(5));
        long slowestPublishNanos = 0;
        try (KafkaAuditSink sink = new KafkaAuditSink(settings)) {
            // 1. no broker at all yet: the producer has no metadata, the event waits in the queue
            AuditEvent first = event(AuditType.SESSION_OPENED, "acme", "s-1", 0);
            sink.publish(first);
            sent.add(first);
            KafkaServer broker = KafkaServer.start(dir, port, controllerPort);
            try {
                Poll.until("the queued event to be delivered once the broker is up", WAIT, broker.process(),
                        () -> sink.stats().delivered() == 1);
            } finally {
                broker.close();
            }

            // 2. the broker goes away after the producer knew it: events pile up in the producer and the queue
            for (int i = 1; i <= 50; i++) {
                AuditEvent e = event(i % 2 == 0 ? AuditType.UPLOAD : AuditType.DELETE, "acme", "s-1", i);
                slowestPublishNanos = Math.max(slowestPublishNanos, timedPublish(sink, e));
                sent.add(e);
            }
            assertEquals(1, sink.stats().delivered(), "nothing can be delivered while the broker is down");
            assertTrue(slowestPublishNanos < Duration.ofSeconds(1).toNanos(),
                    "publish took " + slowestPublishNanos / 1_000_000 + " ms with the broker down");

            broker = KafkaServer.start(dir, port, controllerPort);
            try {
                Poll.until("every event to be delivered after the broker came back", WAIT, broker.process(),
                        () -> sink.stats().delivered() == sent.size());
                assertEquals(0, sink.stats().dropped());
                List<ConsumerRecord<String, String>> records = AuditTopic.read(bootstrap, topic, sent.size(), WAIT);
                assertEquals(sent, records.stream().map(r -> CloudEventJson.parse(r.value())).toList(),
                        "no loss, no duplicate, same order");
            } finally {
                broker.close();
            }
        }
    }

    private static long timedPublish(KafkaAuditSink sink, AuditEvent e) {
        long t = System.nanoTime();
        sink.publish(e);
        return System.nanoTime() - t;
    }
}
