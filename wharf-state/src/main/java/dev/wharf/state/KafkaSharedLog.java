package dev.wharf.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link SharedLog} on a Kafka topic: events are JSON records; every replica reads the whole topic (no consumer
 * group) from {@code replayWindow} back, on one thread, in order per partition. The topic is created when missing
 * with one partition (one total order: every replica applies the same events in the same order) and a retention a
 * little above the window. Publishing never waits for Kafka: events queue (up to {@value #QUEUE_CAPACITY}) in front
 * of an idempotent producer ({@code acks=all}); an event that cannot be queued or sent is logged and dropped.
 */
public final class KafkaSharedLog<T> implements SharedLog<T> {
    private static final Logger LOG = Logger.getLogger(KafkaSharedLog.class.getName());
    static final int QUEUE_CAPACITY = 10_000;
    private static final Duration MAX_BLOCK = Duration.ofSeconds(5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // a newer replica may add fields during a rolling update
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String topic;
    private final Class<T> type;
    private final Clock clock;
    private final KafkaProducer<String, String> producer;
    private final ThreadPoolExecutor sender;
    private final KafkaTopicReader reader;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    private KafkaSharedLog(SharedLogConfig config, String topic, Class<T> type, Duration replayWindow,
                           Consumer<T> handler, Clock clock) {
        this.topic = topic;
        this.type = type;
        this.clock = clock;
        this.producer = new KafkaProducer<>(producerProperties(config, topic));
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                r -> Thread.ofPlatform().daemon().name("wharf-state-" + topic + "-sender").unstarted(r),
                (r, pool) -> drop("the send queue is full"));
        this.reader = KafkaTopicReader.start(config, topic, replayWindow, retention(replayWindow), clock,
                r -> handle(r, handler));
    }

    /**
     * Starts reading {@code topic} (created when missing) from {@code replayWindow} back; {@code handler} gets
     * every event, this replica's own too, on the log's thread.
     */
    public static <T> KafkaSharedLog<T> start(SharedLogConfig config, String topic, Class<T> type,
                                              Duration replayWindow, Consumer<T> handler) {
        return start(config, topic, type, replayWindow, handler, Clock.systemUTC());
    }

    /** As {@link #start(SharedLogConfig, String, Class, Duration, Consumer)}, with record times from {@code clock}. */
    public static <T> KafkaSharedLog<T> start(SharedLogConfig config, String topic, Class<T> type,
                                              Duration replayWindow, Consumer<T> handler, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        if (replayWindow.isNegative()) {
            throw new IllegalArgumentException("replay window must not be negative");
        }
        return new KafkaSharedLog<>(config, topic, type, replayWindow, handler, clock);
    }

    /** Retention of a created topic: the window and a margin of a quarter of it (at least an hour). */
    static Duration retention(Duration window) {
        Duration margin = window.dividedBy(4);
        return window.plus(margin.compareTo(Duration.ofHours(1)) < 0 ? Duration.ofHours(1) : margin);
    }

    @Override
    public void publish(String key, T event) {
        if (closed) {
            throw new IllegalStateException("shared log " + topic + " is closed");
        }
        String value;
        try {
            value = JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event is not serializable as JSON: " + e.getOriginalMessage(), e);
        }
        long time = clock.millis();
        sender.execute(() -> send(new ProducerRecord<>(topic, null, time, key, value)));
    }

    @Override
    public boolean caughtUp() {
        return reader.caughtUp();
    }

    /** The topic of this log. */
    public String topic() {
        return topic;
    }

    /** Events dropped because they could not be queued or sent. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sender.shutdown();
        try {
            if (!sender.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(CLOSE_WAIT);
        reader.close();
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record, (meta, e) -> {
                if (e != null) {
                    drop("Kafka did not take it: " + e);
                }
            });
        } catch (RuntimeException e) {
            drop("Kafka did not take it: " + e);
        }
    }

    private void handle(ConsumerRecord<String, String> r, Consumer<T> handler) {
        T event;
        try {
            event = JSON.readValue(r.value(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "shared log " + topic + ": record at offset " + r.offset() + " is not a "
                    + type.getSimpleName() + "; skipped");
            return;
        }
        handler.accept(event);
    }

    private void drop(String why) {
        dropped.incrementAndGet();
        LOG.warning("shared log " + topic + ": an event was dropped: " + why);
    }

    private static Properties producerProperties(SharedLogConfig config, String topic) {
        Properties p = new Properties();
        p.putAll(config.properties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId() + "-" + topic + "-writer");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // forced, whatever the extra properties say
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // the sender thread, never the caller, waits: but not so long that a Kafka outage piles up the queue
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return p;
    }
}
