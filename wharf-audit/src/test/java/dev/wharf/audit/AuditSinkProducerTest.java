package dev.wharf.audit;

import dev.wharf.audit.cloudevents.CloudEventJson;
import dev.wharf.audit.health.AuditSpoolReadiness;
import dev.wharf.audit.kafka.AuditTopic;
import dev.wharf.audit.kafka.KafkaAuditSink;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.audit.AuditType;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** A service gets a Kafka sink from the configuration alone, and its events reach the topic. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class AuditSinkProducerTest {
    @Inject
    AuditSink sink;

    @Inject
    AuditConfig config;

    @Inject
    @Readiness
    AuditSpoolReadiness readiness;

    @Test
    void theConfiguredKafkaSinkDeliversToTheTopic() {
        KafkaAuditSink kafka = assertInstanceOf(KafkaAuditSink.class, ClientProxy.unwrap(sink));
        AuditEvent e = AuditEvent.builder(AuditType.FOLDER_CREATED, "/storage-service").tenant("acme").user("alice")
                .protocol("sftp").clientAddress("192.0.2.1").sessionId("s-q").data("path", "/in").build();
        sink.publish(e);
        // broker and topic from the configuration the test resource supplied: launcher classes live in another
        // class loader than this Quarkus test
        List<ConsumerRecord<String, String>> records = AuditTopic.read(config.bootstrapServers(), config.topic(), 1,
                Duration.ofSeconds(90));
        assertEquals(1, records.size());
        assertEquals("acme", records.get(0).key());
        assertEquals(e, CloudEventJson.parse(records.get(0).value()));
        assertEquals(1, kafka.stats().delivered());
    }

    @Test
    void readinessCarriesTheSpoolStateAsADetailAndStaysUp() {
        HealthCheckResponse r = readiness.call();
        assertEquals(HealthCheckResponse.Status.UP, r.getStatus());
        assertEquals("accepting", r.getData().orElseThrow().get("state"));
    }

    @Test
    void configKeysHaveTheirDocumentedDefaultsAndProducerPassThrough() {
        assertEquals(true, config.enabled());
        assertEquals(Duration.ofHours(24), config.deliveryTimeout());
        assertEquals(1L << 30, config.spool().maxSize());
        assertEquals(16L << 20, config.spool().headroom());
        assertEquals(64L << 20, config.spool().segmentSize());
        assertEquals(java.nio.file.Path.of(".wharf", "spool", "gateway-ftp"),
                AuditSinkProducer.defaultSpoolDirectory(java.util.Optional.of("wharf-gateway-ftp")));
        assertEquals(config.spool().directory().orElseThrow(),
                AuditSinkProducer.settings(config, java.util.Optional.empty()).spool().directory());
        assertEquals(Duration.ofSeconds(10), config.closeTimeout());
        assertEquals("gzip", config.producer().get("compression.type"), config.producer().toString());
        assertEquals("wharf-audit", AuditSinkProducer.settings(config, java.util.Optional.of("wharf-audit")).clientId());
        assertEquals("wharf-gateway-ftp",
                AuditSinkProducer.settings(config, java.util.Optional.of("gateway-ftp")).clientId());
    }
}
