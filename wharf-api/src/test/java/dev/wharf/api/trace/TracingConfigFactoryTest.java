package dev.wharf.api.trace;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** wharf.tracing.endpoint drives Quarkus's OpenTelemetry settings: unset or blank is off. */
class TracingConfigFactoryTest {
    @Test
    void noEndpointDisablesTheSdk() {
        assertEquals(Map.of("quarkus.otel.sdk.disabled", "true"), TracingConfigFactory.settings(null));
        assertEquals(Map.of("quarkus.otel.sdk.disabled", "true"), TracingConfigFactory.settings("  "));
    }

    @Test
    void anEndpointExportsOtlpOverHttpToIt() {
        Map<String, String> s = TracingConfigFactory.settings(" http://collector:4318 ");
        assertEquals("false", s.get("quarkus.otel.sdk.disabled"));
        assertEquals("http://collector:4318", s.get("quarkus.otel.exporter.otlp.traces.endpoint"));
        assertEquals("http/protobuf", s.get("quarkus.otel.exporter.otlp.traces.protocol"));
    }
}
