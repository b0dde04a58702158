package dev.wharf.identity.authn;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/** Where replicas share state (wharf-state's logs on Kafka; {@code wharf.state.*}, {@code WHARF_STATE_*}). */
@ConfigMapping(prefix = "wharf.state")
public interface StateConfig {
    /** Kafka when true; false keeps the 2FA replay and grace state in this process only (a single replica). */
    @WithDefault("true")
    boolean enabled();

    /** Kafka bootstrap servers; by default the audit trail's. */
    @WithDefault("${wharf.audit.bootstrap-servers:127.0.0.1:9092}")
    String bootstrapServers();

    /** Prefix of the Kafka client ids. */
    @WithDefault("wharf-${quarkus.application.name:identity-service}")
    String clientId();

    /** Extra Kafka client properties (security), e.g. {@code wharf.state.kafka."security.protocol"=SASL_SSL}. */
    Map<String, String> kafka();
}
