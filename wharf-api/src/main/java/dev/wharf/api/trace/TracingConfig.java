package dev.wharf.api.trace;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * {@code wharf.tracing}: where every app sends its traces (OTLP over HTTP, e.g. {@code http://otel-collector:4318});
 * unset, tracing is off. {@link TracingConfigFactory} turns it into Quarkus's {@code quarkus.otel.*} settings.
 */
@ConfigMapping(prefix = "wharf.tracing")
public interface TracingConfig {
    /** The collector's OTLP/HTTP base URL; empty or unset turns tracing off. */
    Optional<String> endpoint();
}
