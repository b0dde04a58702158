package dev.wharf.api.trace;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Derives Quarkus's OpenTelemetry settings from the one documented key {@code wharf.tracing.endpoint}: no endpoint,
 * no SDK (nothing is exported, nothing is retried against a collector that is not there); an endpoint, OTLP over
 * HTTP/protobuf to it. Its ordinal sits below environment variables, so a {@code QUARKUS_OTEL_*} variable still wins.
 */
public class TracingConfigFactory implements ConfigSourceFactory {
    /** The key operators set (env {@code WHARF_TRACING_ENDPOINT}). */
    public static final String ENDPOINT = "wharf.tracing.endpoint";
    /** Above application.properties (250), below environment variables (300). */
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue endpoint = context.getValue(ENDPOINT);
        return List.of(new PropertiesConfigSource(settings(endpoint == null ? null : endpoint.getValue()),
                "wharf-tracing", ORDINAL));
    }

    /** The Quarkus settings for {@code endpoint} (null or blank: off). */
    static Map<String, String> settings(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return Map.of("quarkus.otel.sdk.disabled", "true");
        }
        return Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.endpoint", endpoint.strip(),
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
    }
}
