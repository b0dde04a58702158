package dev.wharf.keycloak.audit;

import dev.wharf.audit.cloudevents.CloudEventJson;
import dev.wharf.core.audit.AuditEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** One Kafka producer per Keycloak process that puts audit events on the topic, keyed by tenant. */
final class AuditPublisher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AuditPublisher.class);
    /** The logger Wharf services write undeliverable events on, so that they can be recovered from the log. */
    private static final Logger UNDELIVERED = Logger.getLogger("wharf.audit.undelivered");

    private final KafkaProducer<String, String> producer;
    private final String topic;

    AuditPublisher(AuditListenerSettings settings) {
        this.topic = settings.topic();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "wharf-keycloak-audit");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // send() runs on the admin request's thread after commit: with Kafka unreachable it must not hold it long
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(24 * 3600 * 1000));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // Kafka instantiates configured classes through the context class loader, which in Keycloak does not see
        // the provider's jar: serializers are passed as objects and the producer is built under our loader
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(AuditPublisher.class.getClassLoader());
        try {
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Hands the event to the producer; a refusal or a failed delivery writes the event on the undelivered log. */
    void publish(AuditEvent event) {
        String json;
        try {
            json = CloudEventJson.toJson(event);
        } catch (RuntimeException e) {
            LOG.warnf(e, "wharf-audit: cannot serialize %s", event.data().get("action"));
            return;
        }
        String key = event.tenant() == null ? "_platform" : event.tenant();
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
            record.headers().add("content-type", CloudEventJson.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    UNDELIVERED.warnf("%s (%s)", json, error.getMessage());
                }
            });
        } catch (RuntimeException e) {
            UNDELIVERED.warnf("%s (%s)", json, e.getMessage());
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
