package dev.wharf.state;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/**
 * Where a service's replicas share state ({@code wharf.state.*}, {@code WHARF_STATE_*}), for the Quarkus services
 * that use this module (identity-service: 2FA replay and grace; policy-service: the defender).
 */
@ConfigMapping(prefix = "wharf.state")
public interface StateConfig {
    /** Kafka when true; false keeps the state in this process only (a single replica). */
    @WithDefault("true")
    boolean enabled();

    /** Kafka bootstrap servers; by default the audit trail's. */
    @WithDefault("${wharf.audit.bootstrap-servers:127.0.0.1:9092}")
    String bootstrapServers();

    /** Prefix of the Kafka client ids. */
    @WithDefault("wharf-${quarkus.application.name:service}")
    String clientId();

    /** Extra Kafka client properties (security), e.g. {@code wharf.state.kafka."security.protocol"=SASL_SSL}. */
    Map<String, String> kafka();

    /** The Kafka settings of a shared log. */
    default SharedLogConfig sharedLog() {
        return new SharedLogConfig(bootstrapServers(), clientId(), kafka());
    }
}
