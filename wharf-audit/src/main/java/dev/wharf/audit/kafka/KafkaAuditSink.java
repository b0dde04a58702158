package dev.wharf.audit.kafka;

import dev.wharf.audit.cloudevents.CloudEventJson;
import dev.wharf.audit.trace.CurrentTrace;
import dev.wharf.audit.spool.AuditSpool;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes audit events to Kafka through a local spool, so that an event survives anything but the loss of the
 * spool's disk.
 *
 * <p>{@link #publish} writes the event to the {@link AuditSpool} and returns once it is forced to disk; it never
 * waits for the broker. One sender thread reads the spool in order, on every start too, and hands the records to
 * an idempotent producer ({@code acks=all}, retries without limit until {@code delivery.timeout.ms}); the spool's
 * acknowledged position moves, and its segments are deleted, only over records Kafka acknowledged. A record the
 * producer reports as failed makes the sender start again from the acknowledged position: later records may then
 * reach the topic twice, with the same CloudEvents {@code id}, which consumers use to de-duplicate.
 *
 * <p>When the spool is full or its disk fails, {@link #publish} writes the event whole on the logger
 * {@code wharf.audit.undelivered} and throws {@code audit_unavailable}; {@link #accepting()} turns false earlier
 * (at the spool's headroom), so gateways refuse new work before an event is ever refused.
 */
public final class KafkaAuditSink implements AuditSink, AutoCloseable {
    /** Record key of events that belong to no tenant (a connection refused before the tenant was known). */
    public static final String PLATFORM_KEY = "_platform";
    /** Logger on which events that could not be spooled are written as JSON. */
    public static final String UNDELIVERED_LOGGER = "wharf.audit.undelivered";

    private static final Logger LOG = Logger.getLogger(KafkaAuditSink.class);
    private static final Logger UNDELIVERED = Logger.getLogger(UNDELIVERED_LOGGER);
    private static final byte[] CONTENT_TYPE = CloudEventJson.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
    private static final long MIN_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 2_000;
    /** Records handed to the producer and not yet acknowledged; the producer's buffer bounds them too. */
    private static final int MAX_IN_FLIGHT = 10_000;
    /** How often the acknowledged position is saved while records flow: a crash resends at most this much. */
    private static final long SAVE_EVERY_MS = 100;
    private static final long RECOVER_EVERY_MS = 1_000;

    private final KafkaAuditSettings settings;
    private final AuditSpool spool;
    private final Semaphore wake = new Semaphore(0);
    private final Thread sender;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closing;
    private volatile long closeDeadlineNanos;
    private volatile boolean closed;

    /**
     * Counters since start: spooled, acknowledged by Kafka, refused by the spool (logged), failed in Kafka (sent
     * again); the spool's unacknowledged bytes, its state and its skipped corrupt frames.
     */
    public record Stats(long accepted, long delivered, long dropped, long failed, long spoolBytes,
                        AuditSpool.State spoolState, long corruptFrames) {
    }

    /** Opens the spool (failing when its directory cannot be used) and starts the sender. */
    public KafkaAuditSink(KafkaAuditSettings settings) {
        this.settings = settings;
        try {
            this.spool = AuditSpool.open(settings.spool());
        } catch (IOException e) {
            throw new UncheckedIOException("the audit spool cannot be opened: " + e.getMessage(), e);
        }
        this.sender = new Thread(this::run, "wharf-audit-sender");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void publish(AuditEvent event) {
        ProducerRecord<String, String> record;
        try {
            record = toRecord(CurrentTrace.stamp(event));
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
            LOG.errorf("audit event %s (%s) dropped: it cannot be serialized: %s", event.id(), event.type().type(),
                    e.toString());
            return;
        }
        try {
            spool.append(record.key(), record.value());
        } catch (IllegalArgumentException e) {
            // larger than a Kafka request may be: it could never be sent, so it is not spooled
            undelivered(record, e.getMessage(), dropped);
            return;
        } catch (AuditSpool.Refused e) {
            undelivered(record, e.getMessage(), dropped);
            throw new WharfException(Reason.AUDIT_UNAVAILABLE, e.getMessage(), e);
        }
        accepted.incrementAndGet();
        wake.release();
    }

    @Override
    public boolean accepting() {
        return spool.accepting();
    }

    @Override
    public boolean diskFailing() {
        AuditSpool.State state = spool.state();
        return state == AuditSpool.State.DISK_FAILED || state == AuditSpool.State.CLOSED;
    }

    /** The Kafka record of an event: key = tenant (or {@value #PLATFORM_KEY}), value = the CloudEvent JSON. */
    public ProducerRecord<String, String> toRecord(AuditEvent event) {
        String key = event.tenant() == null || event.tenant().isEmpty() ? PLATFORM_KEY : event.tenant();
        return record(key, CloudEventJson.toJson(event));
    }

    private ProducerRecord<String, String> record(String key, String value) {
        ProducerRecord<String, String> r = new ProducerRecord<>(settings.topic(), key, value);
        r.headers().add(new RecordHeader("content-type", CONTENT_TYPE));
        return r;
    }

    public Stats stats() {
        return new Stats(accepted.get(), delivered.get(), dropped.get(), failed.get(), spool.used(), spool.state(),
                spool.corruptFrames());
    }

    /**
     * Sends what is spooled and waits for Kafka's acknowledgements, up to the close timeout; saves the
     * acknowledged position and closes the spool. Whatever is not acknowledged stays spooled for the next start.
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
        Stats s = stats();
        spool.close();
        closed = true;
        LOG.infof("audit sink closed: %d events spooled, %d delivered, %d refused, %d failed; %d bytes stay "
                + "spooled for the next start", s.accepted(), s.delivered(), s.dropped(), s.failed(), s.spoolBytes());
    }

    public boolean isClosed() {
        return closed;
    }

    /** One record handed to the producer; completed by the producer's I/O thread. */
    private static final class InFlight implements Callback {
        final AuditSpool.Position end;
        final Thread sender;
        final AtomicLong delivered;
        volatile boolean sending = true;
        volatile Exception syncFailure;
        /** 0 pending, 1 acknowledged, 2 failed. */
        volatile int outcome;
        final Semaphore wake;

        InFlight(AuditSpool.Position end, Thread sender, AtomicLong delivered, Semaphore wake) {
            this.end = end;
            this.sender = sender;
            this.delivered = delivered;
            this.wake = wake;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                delivered.incrementAndGet();
                outcome = 1;
            } else if (sending && Thread.currentThread() == sender) {
                syncFailure = exception; // not accepted: the sender retries it, in order
            } else {
                LOG.warnf("audit record failed in Kafka, sending again from the last acknowledged one: %s",
                        exception.toString());
                outcome = 2;
            }
            wake.release();
        }
    }

    private enum Attempt { DONE, RETRY, RESTART }

    private void run() {
        Sender s = new Sender();
        try {
            s.loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "audit sender stopped unexpectedly; spooled events are sent at the next start");
        } finally {
            s.finish();
        }
    }

    /** The sender thread's state: the producer, the spool reader and the records in flight. */
    private final class Sender {
        private Producer<String, String> producer;
        private AuditSpool.Reader reader = spool.reader();
        private AuditSpool.Frame head;
        private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
        private long backoff = MIN_BACKOFF_MS;
        private long lastSave = System.nanoTime();
        private long lastRecover;

        void loop() throws InterruptedException {
            while (true) {
                settle();
                saveIfDue(false);
                if (closing) {
                    // shutdown sends what is spooled until the close deadline; the rest waits for the next start
                    if (System.nanoTime() - closeDeadlineNanos > 0) {
                        break;
                    }
                    if (head == null && !readNext()) {
                        if (inFlight.isEmpty()) {
                            break;
                        }
                        wake.tryAcquire(20, TimeUnit.MILLISECONDS);
                        continue;
                    }
                }
                if (spool.state() == AuditSpool.State.DISK_FAILED
                        && System.nanoTime() - lastRecover > RECOVER_EVERY_MS * 1_000_000) {
                    lastRecover = System.nanoTime();
                    spool.tryRecover();
                }
                if (inFlight.size() >= MAX_IN_FLIGHT) {
                    wake.tryAcquire(50, TimeUnit.MILLISECONDS);
                    continue;
                }
                if (head == null && !readNext()) {
                    wake.tryAcquire(inFlight.isEmpty() ? 200 : 20, TimeUnit.MILLISECONDS);
                    continue;
                }
                if (producer == null) {
                    producer = createProducer();
                }
                Attempt a = producer == null ? Attempt.RETRY : send();
                if (a == Attempt.DONE) {
                    head = null;
                    backoff = MIN_BACKOFF_MS;
                    continue;
                }
                if (a == Attempt.RESTART) {
                    rewind();
                }
                // wakes early on close
                wake.tryAcquire(backoff, TimeUnit.MILLISECONDS);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }

        private boolean readNext() {
            try {
                head = reader.next();
            } catch (IOException e) {
                LOG.warnf("audit spool cannot be read, trying again: %s", e.toString());
                rewind();
            }
            return head != null;
        }

        private Attempt send() {
            InFlight d = new InFlight(head.end(), sender, delivered, wake);
            try {
                producer.send(record(head.key(), head.value()), d);
            } catch (InterruptException e) {
                Thread.currentThread().interrupt();
                return Attempt.RETRY;
            } catch (KafkaException | IllegalStateException e) {
                LOG.warnf("audit producer failed, recreating it: %s", e.toString());
                return Attempt.RESTART;
            } finally {
                d.sending = false;
            }
            Exception sync = d.syncFailure;
            if (sync == null) {
                inFlight.add(d);
                return Attempt.DONE;
            }
            if (sync instanceof RetriableException) {
                // no metadata yet (broker down or starting) or buffer full: the record stays at the head, in order
                LOG.debugf("audit record not accepted yet, retrying: %s", sync.toString());
                return Attempt.RETRY;
            }
            LOG.warnf("audit producer refused a record, recreating it: %s", sync.toString());
            return Attempt.RESTART;
        }

        /** Moves the acknowledged position over the acknowledged prefix; a failure restarts from it. */
        private void settle() {
            AuditSpool.Position last = null;
            for (int i = 0; i < MAX_IN_FLIGHT && !inFlight.isEmpty(); i++) {
                InFlight f = inFlight.peekFirst();
                if (f.outcome == 0) {
                    break;
                }
                if (f.outcome == 2) {
                    failed.incrementAndGet();
                    rewind();
                    break;
                }
                inFlight.pollFirst();
                last = f.end;
            }
            if (last != null) {
                spool.acknowledge(last);
            }
        }

        /** Drops the producer and what it holds, and reads again from the acknowledged position. */
        private void rewind() {
            if (producer != null) {
                closeQuietly(producer, Duration.ZERO);
                producer = null;
            }
            inFlight.clear();
            head = null;
            reader.close();
            reader = spool.reader();
        }

        private void saveIfDue(boolean now) {
            if (!now && System.nanoTime() - lastSave < SAVE_EVERY_MS * 1_000_000) {
                return;
            }
            lastSave = System.nanoTime();
            try {
                spool.saveAcknowledged();
            } catch (IOException e) {
                LOG.warnf("audit spool: acknowledged position not saved (records may be sent twice): %s",
                        e.toString());
            }
        }

        /** Waits until the close deadline for the records in flight, then saves how far Kafka got. */
        void finish() {
            if (producer != null) {
                closeQuietly(producer, Duration.ofNanos(Math.max(0, closeDeadlineNanos - System.nanoTime())));
            }
            settle();
            saveIfDue(true);
            reader.close();
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
        UNDELIVERED.warnf("audit event not recorded (%s), tenant=%s: %s", why, record.key(),
                record.value());
    }
}
