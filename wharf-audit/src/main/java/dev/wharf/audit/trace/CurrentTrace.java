package dev.wharf.audit.trace;

import dev.wharf.core.audit.AuditEvent;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * Stamps an audit event with the trace context of the thread that publishes it: events are published where the
 * action happens (in its span), but sent to Kafka later by the spool's sender, outside any span.
 */
public final class CurrentTrace {
    private static final TextMapSetter<String[]> SETTER = (out, name, value) -> {
        if ("traceparent".equals(name)) {
            out[0] = value;
        }
    };

    private CurrentTrace() {
    }

    /** {@code event} with the current W3C {@code traceparent} when it has none and a span is current; else itself. */
    public static AuditEvent stamp(AuditEvent event) {
        if (event.traceparent() != null) {
            return event;
        }
        String[] traceparent = new String[1];
        // the propagator itself, not GlobalOpenTelemetry (Quarkus registers no global instance); with tracing off
        // the context holds no valid span and nothing is injected
        W3CTraceContextPropagator.getInstance().inject(Context.current(), traceparent, SETTER);
        return traceparent[0] == null ? event : event.withTraceparent(traceparent[0]);
    }
}
