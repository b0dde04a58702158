package dev.wharf.state;

import java.util.Map;
import java.util.Objects;

/**
 * Where the shared logs live.
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code host:port,...})
 * @param clientId         prefix of the Kafka client ids (one service, e.g. {@code wharf-policy-service})
 * @param properties       extra Kafka client properties for producer, consumer and admin client (security settings
 *                         such as {@code security.protocol}, {@code sasl.jaas.config}); never logged
 */
public record SharedLogConfig(String bootstrapServers, String clientId, Map<String, String> properties) {
    public SharedLogConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(clientId, "clientId");
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** Without extra Kafka properties. */
    public SharedLogConfig(String bootstrapServers, String clientId) {
        this(bootstrapServers, clientId, Map.of());
    }

    @Override
    public String toString() {
        // properties may hold credentials: only their names
        return "SharedLogConfig[bootstrapServers=" + bootstrapServers + ", clientId=" + clientId + ", properties="
                + properties.keySet() + "]";
    }
}
