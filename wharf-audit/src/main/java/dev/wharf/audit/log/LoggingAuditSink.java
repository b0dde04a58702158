package dev.wharf.audit.log;

import dev.wharf.audit.cloudevents.CloudEventJson;
import dev.wharf.audit.trace.CurrentTrace;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditSink;
import org.jboss.logging.Logger;

/**
 * Writes each event as one CloudEvents JSON line at INFO on the logger {@code wharf.audit}: the sink used when
 * {@code wharf.audit.enabled=false} (local runs without Kafka, tests), so events stay visible and greppable.
 */
public final class LoggingAuditSink implements AuditSink {
    /** The logger name events are written to. */
    public static final String LOGGER = "wharf.audit";

    private static final Logger LOG = Logger.getLogger(LOGGER);

    @Override
    public void publish(AuditEvent event) {
        try {
            LOG.info(CloudEventJson.toJson(CurrentTrace.stamp(event)));
        } catch (RuntimeException e) {
            // an audit call must never fail the file operation that triggered it
            LOG.errorf("audit event %s (%s) could not be written: %s", event.id(), event.type().type(), e.toString());
        }
    }
}
