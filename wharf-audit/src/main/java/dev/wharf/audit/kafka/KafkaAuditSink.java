package dev.wharf.audit.kafka;

import dev.wharf.audit.cloudevents.CloudEventJson;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditSink;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes audit events to Kafka without ever blocking the caller.
 *
 * <p>{@link #publish} serializes the event and puts it in a bounded in-memory queue; one sender thread moves
 * records from the queue into an idempotent producer ({@code acks=all}, retries without limit until
 * {@code delivery.timeout.ms}). While the broker is unreachable the producer keeps what it already accepted and
 * retries it; records it cannot accept yet (no metadata, buffer full) wait at the head of the queue, so order is
 * kept per key (tenant) and therefore per session.
 *
 * <p>When the queue is full, or an event is still pending when {@link #close()} gives up, or the producer reports
 * a record as failed after its delivery timeout, the event is counted as dropped or failed and written whole
 * (it holds no secrets) as one line on the logger {@code wharf.audit.undelivered} at WARN, so an operator can
 * still recover it from the logs. A file transfer is never held up by the audit trail.
 */
public final class KafkaAuditSink implements AuditSink, AutoCloseable {
    /** Record key of events that belong to no tenant (a connection refused before the tenant was known). */
    public static final String PLATFORM_KEY = "_platform";
    /** Logger on which events that could not be delivered are written as JSON. */
    public static final String UNDELIVERED_LOGGER = "wharf.audit.undelivered";

    private static final Logger LOG = Logger.getLogger(KafkaAuditSink.class);
    private static final Logger UNDELIVERED = Logger.getLogger(UNDELIVERED_LOGGER);
    private static final byte[] CONTENT_TYPE = CloudEventJson.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
    private static final long MIN_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 2_000;

    private final KafkaAuditSettings settings;
    private final BlockingQueue<ProducerRecord<String, String>> queue;
    private final Semaphore wake = new Semaphore(0);
    private final Thread sender;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closing;
    private volatile long closeDeadlineNanos;
    private volatile boolean closed;

    /** Counters since start: accepted into the queue, acknowledged by Kafka, dropped before sending, failed. */
    public record Stats(long accepted, long delivered, long dropped, long failed, int queued) {
    }

    public KafkaAuditSink(KafkaAuditSettings settings) {
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.sender = new Thread(this::run, "wharf-audit-sender");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void publish(AuditEvent event) {
        ProducerRecord<String, String> record;
        try {
            record = toRecord(event);
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
            LOG.errorf("audit event %s (%s) dropped: it cannot be serialized: %s", event.id(), event.type().type(),
                    e.toString());
            return;
        }
        if (closing) {
            undelivered(record, "the audit sink is closed", dropped);
            return;
        }
        if (!queue.offer(record)) {
            undelivered(record, "the audit queue is full (" + settings.queueCapacity() + " events)", dropped);
            return;
        }
        accepted.incrementAndGet();
        if (closed) {
            // raced with close(): its final drain may have run before this offer
            drainLeftovers();
        }
    }

    /** The Kafka record of an event: key = tenant (or {@value #PLATFORM_KEY}), value = the CloudEvent JSON. */
    public ProducerRecord<String, String> toRecord(AuditEvent event) {
        String key = event.tenant() == null || event.tenant().isEmpty() ? PLATFORM_KEY : event.tenant();
        ProducerRecord<String, String> r = new ProducerRecord<>(settings.topic(), key, CloudEventJson.toJson(event));
        r.headers().add(new RecordHeader("content-type", CONTENT_TYPE));
        return r;
    }

    public Stats stats() {
        return new Stats(accepted.get(), delivered.get(), dropped.get(), failed.get(), queue.size());
    }

    /**
     * Hands over what is queued and waits for Kafka to acknowledge it, up to the configured close timeout; what
     * is still pending then is logged as undelivered.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closeDeadlineNanos = System.nanoTime() + settings.closeTimeout().toNanos();
        closing = true;
        wake.release();
        try {
            sender.join(settings.closeTimeout().plus(settings.maxBlock()).plusSeconds(5).toMillis());
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        drainLeftovers();
        Stats s = stats();
        LOG.infof("audit sink closed: %d events accepted, %d delivered, %d dropped, %d failed", s.accepted(),
                s.delivered(), s.dropped(), s.failed());
    }

    private void drainLeftovers() {
        List<ProducerRecord<String, String>> left = new ArrayList<>();
        queue.drainTo(left);
        for (ProducerRecord<String, String> r : left) {
            undelivered(r, "still queued when the service stopped", dropped);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private void run() {
        Producer<String, String> producer = null;
        ProducerRecord<String, String> head = null;
        long backoff = MIN_BACKOFF_MS;
        try {
            while (!(closing && (head == null && queue.isEmpty() || pastDeadline()))) {
                if (head == null) {
                    head = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (head == null) {
                        continue;
                    }
                }
                if (producer == null) {
                    producer = createProducer();
                }
                Attempt a = producer == null ? Attempt.RETRY : send(producer, head);
                if (a == Attempt.RESTART) {
                    closeQuietly(producer, Duration.ZERO);
                    producer = null;
                }
                if (a == Attempt.DONE) {
                    head = null;
                    backoff = MIN_BACKOFF_MS;
                } else {
                    // wakes early on close, which then retries until its deadline
                    wake.tryAcquire(backoff, TimeUnit.MILLISECONDS);
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "audit sender stopped unexpectedly");
        } finally {
            if (head != null) {
                undelivered(head, "Kafka did not accept it before the service stopped", dropped);
            }
            if (producer != null) {
                long left = Math.max(0, closeDeadlineNanos - System.nanoTime());
                closeQuietly(producer, Duration.ofNanos(left));
            }
        }
    }

    private boolean pastDeadline() {
        return System.nanoTime() - closeDeadlineNanos > 0;
    }

    private enum Attempt { DONE, RETRY, RESTART }

    private Attempt send(Producer<String, String> producer, ProducerRecord<String, String> record) {
        Delivery d = new Delivery(record);
        try {
            producer.send(record, d);
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            return Attempt.RETRY;
        } catch (KafkaException | IllegalStateException e) {
            // the producer is in a state it cannot leave (fatal error): start a fresh one
            LOG.warnf("audit producer failed, recreating it: %s", e.toString());
            return Attempt.RESTART;
        } finally {
            d.sending = false;
        }
        Exception sync = d.syncFailure;
        if (sync == null) {
            return Attempt.DONE;
        }
        if (sync instanceof RetriableException) {
            // no metadata yet (broker down or starting) or buffer full: keep the record at the head, in order
            LOG.debugf("audit record not accepted yet, retrying: %s", sync.toString());
            return Attempt.RETRY;
        }
        undelivered(record, sync.toString(), failed);
        return Attempt.DONE;
    }

    /** Completion of one record; failures reported while send() still runs are retried by the sender thread. */
    private final class Delivery implements Callback {
        private final ProducerRecord<String, String> record;
        private volatile boolean sending = true;
        private volatile Exception syncFailure;

        Delivery(ProducerRecord<String, String> record) {
            this.record = record;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                delivered.incrementAndGet();
            } else if (sending && Thread.currentThread() == sender) {
                syncFailure = exception;
            } else {
                undelivered(record, exception.toString(), failed);
            }
        }
    }

    private Producer<String, String> createProducer() {
        Properties p = new Properties();
        p.putAll(settings.extra());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        if (settings.clientId() != null && !settings.clientId().isBlank()) {
            p.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId());
        }
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // the delivery guarantees are not negotiable through extra properties
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(settings.deliveryTimeout().toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Long.toString(KafkaAuditSettings.REQUEST_TIMEOUT.toMillis()));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(settings.maxBlock().toMillis()));
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(settings.linger().toMillis()));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(settings.bufferMemory()));
        try {
            return new KafkaProducer<>(p);
        } catch (KafkaException e) {
            // e.g. a bootstrap host name that does not resolve yet in a starting cluster: keep events, retry
            LOG.warnf("audit producer cannot start yet (bootstrap servers %s): %s", settings.bootstrapServers(),
                    e.toString());
            return null;
        }
    }

    private static void closeQuietly(Producer<String, String> producer, Duration timeout) {
        try {
            producer.close(timeout);
        } catch (RuntimeException e) {
            LOG.warnf("audit producer close failed: %s", e.toString());
        }
    }

    private static void undelivered(ProducerRecord<String, String> record, String why, AtomicLong counter) {
        counter.incrementAndGet();
        UNDELIVERED.warnf("audit event not delivered to Kafka (%s), tenant=%s: %s", why, record.key(),
                record.value());
    }
}
