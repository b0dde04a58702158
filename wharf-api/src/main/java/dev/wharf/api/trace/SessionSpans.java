package dev.wharf.api.trace;

import dev.wharf.core.session.SessionLog;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Puts the session id of the logging context on every span started in it (server, client, Kafka and our own), so a
 * trace of any app can be found by session; Quarkus registers every {@link SpanProcessor} bean.
 */
@ApplicationScoped
public class SessionSpans implements SpanProcessor {
    /** The span attribute naming the Wharf session. */
    public static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("wharf.session.id");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        String session = SessionLog.current();
        if (session != null) {
            span.setAttribute(SESSION_ID, session);
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
