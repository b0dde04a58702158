package dev.wharf.api.trace;

import dev.wharf.core.session.SessionLog;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;

import java.net.http.HttpRequest;
import java.util.function.BiConsumer;

/**
 * Adds the calling thread's trace context (W3C {@code traceparent}) and session id ({@code Wharf-Session}) to an
 * outgoing request: Quarkus instruments its own clients, not {@code java.net.http}, so every
 * hand-written client calls this once per request.
 */
public final class TraceHeaders {
    private static final TextMapSetter<BiConsumer<String, String>> SETTER = (out, name, value) -> out.accept(name, value);

    private TraceHeaders() {
    }

    /** {@code b} with the headers added; nothing is added outside a span or a session. */
    public static HttpRequest.Builder add(HttpRequest.Builder b) {
        each(b::setHeader);
        return b;
    }

    /** Gives each header to {@code header} (name, value), for clients other than the JDK HttpClient. */
    public static void each(BiConsumer<String, String> header) {
        // the propagator itself, not GlobalOpenTelemetry: Quarkus does not register a global instance, and the W3C
        // format is what Quarkus's servers extract by default; with tracing off the context holds no span
        W3CTraceContextPropagator.getInstance().inject(Context.current(), header, SETTER);
        String session = SessionLog.current();
        if (session != null) {
            header.accept(SessionLog.HEADER, session);
        }
    }
}
