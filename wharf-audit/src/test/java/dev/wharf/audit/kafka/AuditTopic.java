package dev.wharf.audit.kafka;

import dev.wharf.launcher.Poll;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
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
            List<TopicPartition> partitions = new ArrayList<>();
            Poll.until("topic " + topic + " to exist", timeout, null, () -> {
                List<PartitionInfo> info = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (info == null || info.isEmpty()) {
                    return false;
                }
                info.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                return true;
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Poll.until(expected + " records on " + topic, timeout, null, () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }
}
