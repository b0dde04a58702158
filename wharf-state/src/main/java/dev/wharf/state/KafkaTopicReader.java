package dev.wharf.state;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads every partition of a topic on one thread, without a consumer group (each replica reads everything, and
 * nothing is committed), starting either a replay window back or at the end. Kafka being down, or the topic not
 * existing yet, is retried in the background with a growing pause (up to 5 s); {@link #caughtUp()} stays false
 * until the records that were in the topic at the start have been handed over.
 */
public final class KafkaTopicReader implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KafkaTopicReader.class.getName());
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final long MIN_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 5000;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final SharedLogConfig config;
    private final String topic;
    private final Duration replayWindow;
    private final Duration createWithRetention;
    private final Clock clock;
    private final Consumer<ConsumerRecord<String, String>> handler;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, String> consumer;
    private String lastError;

    private KafkaTopicReader(SharedLogConfig config, String topic, Duration replayWindow, Duration createWithRetention,
                             Clock clock, Consumer<ConsumerRecord<String, String>> handler) {
        this.config = config;
        this.topic = topic;
        this.replayWindow = replayWindow;
        this.createWithRetention = createWithRetention;
        this.clock = clock;
        this.handler = handler;
        this.thread = Thread.ofPlatform().daemon().name("wharf-state-" + topic).unstarted(this::run);
    }

    /**
     * Reads what is published from now on (the topic is not created: it belongs to its producers). Records are
     * handed over in order per partition, on the reader's thread; a handler's exception is logged and skipped.
     */
    public static KafkaTopicReader tail(SharedLogConfig config, String topic,
                                        Consumer<ConsumerRecord<String, String>> handler) {
        return start(config, topic, Duration.ZERO, null, Clock.systemUTC(), handler);
    }

    /**
     * Reads from {@code replayWindow} before now (by record timestamp) onwards.
     *
     * @param createWithRetention when not null, the topic is created when missing (1 partition, the broker's
     *                            replication factor, this retention)
     */
    public static KafkaTopicReader start(SharedLogConfig config, String topic, Duration replayWindow,
                                         Duration createWithRetention, Clock clock,
                                         Consumer<ConsumerRecord<String, String>> handler) {
        KafkaTopicReader r = new KafkaTopicReader(config, topic, replayWindow, createWithRetention, clock, handler);
        r.thread.start();
        return r;
    }

    /** True once the records that were in the topic (within the window) at the start have been handled. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** The topic read. */
    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (Thread.currentThread() != thread) {
            // ends a pause or a blocking admin call at once
            thread.interrupt();
            try {
                thread.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        long backoff = MIN_BACKOFF_MS;
        Map<TopicPartition, Long> startEnds = null;
        while (!closed) {
            try {
                if (consumer == null) {
                    consumer = new KafkaConsumer<>(consumerProperties());
                    if (closed) {
                        break;
                    }
                }
                if (startEnds == null) {
                    if (createWithRetention != null) {
                        ensureTopic();
                    }
                    startEnds = assignAndSeek();
                }
                ConsumerRecords<String, String> records = consumer.poll(POLL);
                for (ConsumerRecord<String, String> r : records) {
                    try {
                        handler.accept(r);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "handler of topic " + topic + " failed on offset " + r.offset()
                                + "; record skipped", e);
                    }
                }
                if (!caughtUp && reached(startEnds)) {
                    caughtUp = true;
                    LOG.info(() -> "topic " + topic + ": caught up (read from "
                            + (replayWindow.isZero() ? "the end" : replayWindow + " back") + ")");
                }
                backoff = MIN_BACKOFF_MS;
                lastError = null;
            } catch (WakeupException | org.apache.kafka.common.errors.InterruptException e) {
                // close() woke the consumer up: the loop condition ends it
                if (!closed) {
                    Thread.interrupted();
                }
            } catch (RuntimeException e) {
                String message = String.valueOf(e.getMessage());
                if (!message.equals(lastError)) {
                    LOG.warning("shared log " + topic + " at " + config.bootstrapServers() + " not available yet, "
                            + "retrying: " + e);
                }
                lastError = message;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
        Thread.interrupted();
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            try {
                c.close(CLOSE_WAIT);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing the consumer of " + topic, e);
            }
        }
    }

    /** Assigns every partition and seeks to the window's start; answers each partition's end at that moment. */
    private Map<TopicPartition, Long> assignAndSeek() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, CALL_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist (yet)");
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, CALL_TIMEOUT);
        if (replayWindow.isZero() || replayWindow.isNegative()) {
            consumer.seekToEnd(partitions);
        } else {
            long from = clock.millis() - replayWindow.toMillis();
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, from));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, CALL_TIMEOUT);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp o = found.get(p);
                // no record at or after the window's start: nothing to replay in this partition
                consumer.seek(p, o == null ? ends.get(p) : o.offset());
            }
        }
        return ends;
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (consumer.position(e.getKey(), CALL_TIMEOUT) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void ensureTopic() {
        Properties p = common("admin");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(p)) {
            if (admin.listTopics().names().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                return;
            }
            NewTopic t = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of("retention.ms", Long.toString(createWithRetention.toMillis()),
                            "cleanup.policy", "delete"));
            try {
                admin.createTopics(List.of(t)).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info(() -> "created topic " + topic + " (retention " + createWithRetention + ")");
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e);
                }
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot list topics: " + e, e);
        }
    }

    private Properties consumerProperties() {
        Properties p = common("reader");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        // no group: every replica reads every record, and there is nothing to commit
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return p;
    }

    private Properties common(String role) {
        Properties p = new Properties();
        p.putAll(config.properties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-" + topic + "-" + role);
        return p;
    }
}
