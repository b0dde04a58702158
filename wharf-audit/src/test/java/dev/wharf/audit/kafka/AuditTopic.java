package dev.wharf.audit.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** Reads an audit topic back from the start with a plain consumer, as an auditor's tool would. */
public final class AuditTopic {
    private AuditTopic() {
    }

    public static String unique() {
        return "wharf.audit.test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** All records of {@code topic}, waiting up to {@code timeout} for at least {@code expected}. */
    public static List<ConsumerRecord<String, String>> read(String bootstrap, String topic, int expected, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            // launcher classes stay out of this helper: @QuarkusTest classes use it from Quarkus' class loader
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = new ArrayList<>();
            for (int round = 0; round < 1_000 && partitions.isEmpty() && System.nanoTime() < deadline; round++) {
                List<PartitionInfo> info;
                try {
                    info = consumer.partitionsFor(topic, Duration.ofSeconds(2)); // blocks: no spin
                } catch (TimeoutException e) {
                    continue; // a broker that just started, or a topic being created: ask again
                }
                if (info != null) {
                    info.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                }
            }
            if (partitions.isEmpty()) {
                throw new AssertionError("topic " + topic + " does not exist after " + timeout);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (int round = 0; round < 10_000 && records.size() < expected && System.nanoTime() < deadline; round++) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add); // blocks up to 500 ms: no spin
            }
        }
        return records;
    }
}
