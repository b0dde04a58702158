package dev.wharf.api.trace;

import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.SessionLog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The gateways' traces: one span per client session (from connect to close), and inside it one span per event the
 * library hands us (an FTP command, an SFTP request), with the session's logging context entered for as long as the
 * event runs. Every service call made inside an event is a child of it, so one session is one trace.
 */
@ApplicationScoped
public class SessionTracer {
    private final Tracer tracer;

    @Inject
    public SessionTracer(Tracer tracer) {
        this.tracer = tracer;
    }

    /** A tracer that records nothing (tests that build a gateway without CDI); logging context still applies. */
    public static SessionTracer none() {
        return new SessionTracer(io.opentelemetry.api.OpenTelemetry.noop().getTracer("wharf"));
    }

    /** Starts the span of {@code session}; {@link #close} ends it. */
    public Span open(GatewaySession session) {
        try (SessionLog.Entered ignored = SessionLog.enter(session)) {
            return tracer.spanBuilder(session.gateway().substring(1) + " session").setNoParent()
                    .setSpanKind(SpanKind.SERVER)
                    .setAttribute(SessionSpans.SESSION_ID, session.id())
                    .setAttribute("client.address", session.clientIp())
                    .startSpan();
        }
    }

    /** Ends the span of a session, naming its tenant and user once known. */
    public void close(GatewaySession session, Span span) {
        if (span == null) {
            return;
        }
        if (session.tenant() != null) {
            span.setAttribute("wharf.tenant", session.tenant());
        }
        if (session.loggedIn()) {
            span.setAttribute("enduser.id", session.username());
        }
        span.end();
    }

    /**
     * Enters {@code session} for one event named {@code operation}: its logging context, and a span that is a child
     * of the session's span ({@code parent}, null when the session has none) and current until closed.
     */
    public Event enter(GatewaySession session, Span parent, String operation) {
        SessionLog.Entered log = SessionLog.enter(session);
        Context parentContext = parent == null ? Context.current() : Context.current().with(parent);
        Span span = tracer.spanBuilder(operation).setParent(parentContext).startSpan();
        return new Event(log, span, span.makeCurrent());
    }

    /** One event of a session; closing ends its span and leaves the logging context as it was. */
    public static final class Event implements AutoCloseable {
        private final SessionLog.Entered log;
        private final Span span;
        private final Scope scope;

        Event(SessionLog.Entered log, Span span, Scope scope) {
            this.log = log;
            this.span = span;
            this.scope = scope;
        }

        @Override
        public void close() {
            try {
                scope.close();
                span.end();
            } finally {
                log.close();
            }
        }
    }
}
