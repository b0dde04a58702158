package dev.wharf.policy.site;

import dev.wharf.audit.AuditConfig;
import dev.wharf.audit.cloudevents.CloudEventJson;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.policy.config.PolicyConfig;
import dev.wharf.state.KafkaTopicReader;
import dev.wharf.state.SharedLogConfig;
import dev.wharf.state.StateConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Reads the audit topic from its end (every replica, no consumer group) and drops a tenant's cached site settings
 * (group settings included) on each {@code ADMIN_CHANGE} event naming the tenant, so that an administrator's change
 * applies at once instead of after the cache TTL. The TTL stays the bound when Kafka is down.
 */
@ApplicationScoped
public class AdminChangeListener {
    private static final Logger LOG = Logger.getLogger(AdminChangeListener.class);
    // cheap filter: most audit events are file transfers, not worth parsing
    private static final String ADMIN_TYPE = AuditType.ADMIN_CHANGE.type();

    private final SiteSettingsCache sites;
    private final AuditConfig audit;
    private final StateConfig state;
    private final PolicyConfig config;
    private volatile KafkaTopicReader reader;

    @Inject
    public AdminChangeListener(SiteSettingsCache sites, AuditConfig audit, StateConfig state, PolicyConfig config) {
        this.sites = sites;
        this.audit = audit;
        this.state = state;
        this.config = config;
    }

    void onStart(@Observes StartupEvent ev) {
        if (!config.adminEvents().enabled()) {
            LOG.info("refresh on admin changes is off: site settings follow Keycloak within the cache TTL");
            return;
        }
        SharedLogConfig kafka = new SharedLogConfig(audit.bootstrapServers(), state.clientId() + "-admin-events",
                state.kafka());
        reader = KafkaTopicReader.tail(kafka, audit.topic(), this::handle);
    }

    /** Whether the listener reads the audit topic (positioned at its end); false when off or not yet connected. */
    public boolean listening() {
        KafkaTopicReader r = reader;
        return r != null && r.caughtUp();
    }

    void handle(ConsumerRecord<String, String> record) {
        String value = record.value();
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

    @PreDestroy
    void close() {
        KafkaTopicReader r = reader;
        if (r != null) {
            r.close();
        }
    }
}
