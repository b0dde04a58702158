package dev.wharf.policy.site;

import dev.wharf.audit.cloudevents.CloudEventJson;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.policy.config.PolicyConfig;
import dev.wharf.state.StateConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Drops a tenant's cached site settings (group settings included) on each {@code ADMIN_CHANGE} audit event naming
 * the tenant, so that an administrator's change applies at once instead of after the cache TTL. The events come on
 * the Reactive Messaging channel {@code admin-changes} (the audit topic, read from its end by every replica; see
 * application.properties). The TTL stays the bound when Kafka is down.
 */
@ApplicationScoped
@Default // the rebalance-listener identifier alone would hide it from plain injection
@Identifier("wharf-admin-changes")
public class AdminChangeListener implements KafkaConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(AdminChangeListener.class);
    // cheap filter: most audit events are file transfers, not worth parsing
    private static final String ADMIN_TYPE = AuditType.ADMIN_CHANGE.type();

    private final SiteSettingsCache sites;
    private final PolicyConfig config;
    private volatile boolean positioned;

    @Inject
    public AdminChangeListener(SiteSettingsCache sites, PolicyConfig config) {
        this.sites = sites;
        this.config = config;
    }

    void onStart(@Observes StartupEvent ev) {
        if (!config.adminEvents().enabled()) {
            LOG.info("refresh on admin changes is off: site settings follow Keycloak within the cache TTL");
        }
    }

    /** The Kafka client settings the shared state uses (SASL/TLS), for this channel too. */
    @Produces
    @Identifier("wharf-state-kafka")
    Map<String, Object> kafkaSettings(StateConfig state) {
        return new HashMap<>(state.kafka());
    }

    /** Whether the listener reads the audit topic, positioned at its end; false when off or not yet connected. */
    public boolean listening() {
        return positioned;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // resolve "latest" now rather than at the first fetch: an event published after listening() is then read
        partitions.forEach(consumer::position);
        positioned = !partitions.isEmpty();
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        positioned = false;
    }

    @Incoming("admin-changes")
    void handle(String value) {
        if (value == null || !value.contains(ADMIN_TYPE)) {
            return;
        }
        AuditEvent e;
        try {
            e = CloudEventJson.parse(value);
        } catch (IllegalArgumentException ex) {
            return; // not one of ours, or a type this version does not know
        }
        if (e.type() == AuditType.ADMIN_CHANGE && e.tenant() != null) {
            sites.invalidate(e.tenant());
            LOG.debugf("site settings of tenant %s dropped after admin change %s", e.tenant(), e.data().get("action"));
        }
    }
}
