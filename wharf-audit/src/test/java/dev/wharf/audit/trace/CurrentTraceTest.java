package dev.wharf.audit.trace;

import dev.wharf.audit.cloudevents.CloudEventJson;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class CurrentTraceTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    private static AuditEvent event() {
        return AuditEvent.builder(AuditType.UPLOAD, "/gateway-ftp").tenant("acme").user("alice").sessionId("s-1")
                .data("path", "/a.txt").build();
    }

    @Test
    void anEventPublishedInASpanCarriesItsTraceContextThroughTheCloudEvent() {
        Span span = Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault()));
        AuditEvent stamped;
        try (Scope ignored = Context.current().with(span).makeCurrent()) {
            stamped = CurrentTrace.stamp(event());
        }
        assertEquals("00-" + TRACE + "-" + SPAN + "-01", stamped.traceparent());
        AuditEvent back = CloudEventJson.parse(CloudEventJson.toJson(stamped));
        assertEquals(stamped.traceparent(), back.traceparent(), "the extension attribute survives the wire");
    }

    @Test
    void outsideASpanNothingIsAdded() {
        AuditEvent e = event();
        assertSame(e, CurrentTrace.stamp(e));
        assertNull(CloudEventJson.parse(CloudEventJson.toJson(e)).traceparent());
    }

    @Test
    void aContextTheEventAlreadyHasIsKept() {
        AuditEvent e = event().withTraceparent("00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01");
        Span span = Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault()));
        try (Scope ignored = Context.current().with(span).makeCurrent()) {
            assertSame(e, CurrentTrace.stamp(e));
        }
    }
}
