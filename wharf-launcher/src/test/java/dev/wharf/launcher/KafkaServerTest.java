package dev.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaServerTest {

    @Test
    void brokerAnswersApiVersionsAndCarriesRecordsWithIdempotentProducer() throws Exception {
        KafkaServer kafka = TestComponents.kafka();
        assertTrue(kafka.answers());
        assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"));

        String topic = "launcher-test-" + UUID.randomUUID();
        Map<String, Object> producerConfig = Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "acks", "all",
                "enable.idempotence", true,
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName());
        try (var producer = new KafkaProducer<String, String>(producerConfig)) {
            // topic auto-creation and min ISR 1 on a single node are what the audit producers rely on
            producer.send(new ProducerRecord<>(topic, "demo", "first")).get();
            producer.send(new ProducerRecord<>(topic, "demo", "second")).get();
        }

        Map<String, Object> consumerConfig = Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "launcher-test",
                "auto.offset.reset", "earliest",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (int round = 0; round < 120 && values.size() < 2 && System.nanoTime() < deadline; round++) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    assertEquals("demo", record.key());
                    values.add(record.value());
                }
            }
        }
        assertEquals(List.of("first", "second"), values);
    }

    @Test
    void nothingAnswersApiVersionsOnAClosedPort() {
        assertFalse(KafkaServer.answersApiVersions(Ports.free()));
    }

    @Test
    void slf4jApiIsPairedWithTheSimpleProvidersVersion() {
        // components/pom.xml pins slf4j-api 2.x: with Kafka's own 1.7 the broker would log nothing
        String classpath = Components.kafkaClasspath();
        assertFalse(classpath.matches("(?s).*slf4j-api-1\\.[^/]*\\.jar.*"), classpath);
    }

    @Test
    void clusterIdsNeverLookLikeAnOption() {
        // one id in 64 would start with '-' and make the storage tool's format fail
        for (int i = 0; i < 2000; i++) {
            String id = KafkaServer.newClusterId();
            assertFalse(id.startsWith("-"), id);
            assertEquals(22, id.length(), id);
        }
    }
}
