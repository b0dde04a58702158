package dev.wharf.audit.access;

import dev.wharf.core.Reason;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.audit.AuditType;
import dev.wharf.core.files.VirtualPaths;
import org.jboss.logging.Logger;

/**
 * Records an internal call a service refused (ARCHITECTURE.md, "Trust boundaries"): one log line with the caller's
 * address and one {@code dev.wharf.access.refused} event, with the same reason code. The three services use it.
 */
public final class AccessRefusals {
    private static final Logger LOG = Logger.getLogger(AccessRefusals.class);

    private final AuditSink audit;
    private final String service;

    /** @param service the refusing service's name, e.g. {@code storage-service} (also the event's source) */
    public AccessRefusals(AuditSink audit, String service) {
        this.audit = audit;
        this.service = service;
    }

    /** What is known of the refused call. {@code tenant}, {@code user} and {@code sessionId} may be null. */
    public record Refusal(String clientAddress, String method, String path, Reason reason, String detail,
                          String tenant, String user, String sessionId) {
    }

    public void refused(Refusal r) {
        String call = printable(r.method() + " " + r.path(), 512);
        String address = r.clientAddress() == null ? "unknown" : r.clientAddress();
        LOG.warnf("internal call refused: %s from %s, reason=%s (%s)", call, address, r.reason().code(),
                printable(r.detail(), 512));
        try {
            audit.publish(AuditEvent.builder(AuditType.ACCESS_REFUSED, "/" + service)
                    .tenant(r.tenant()).user(r.user()).sessionId(r.sessionId()).clientAddress(address)
                    .reason(r.reason().code())
                    .data("service", service).data("call", call).data("detail", printable(r.detail(), 512))
                    .build());
        } catch (RuntimeException e) {
            LOG.errorf("the refusal of %s from %s was not audited: %s", call, address, e.toString());
        }
    }

    private static String printable(String s, int max) {
        if (s == null) {
            return null;
        }
        String p = VirtualPaths.printable(s);
        return p.length() > max ? p.substring(0, max - 3) + "..." : p;
    }
}
