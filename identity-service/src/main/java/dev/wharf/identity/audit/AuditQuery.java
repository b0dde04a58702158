package dev.wharf.identity.audit;

import java.time.Instant;
import java.util.Map;

/**
 * What a reader of the audit trail asks for.
 *
 * @param tenant only this tenant's events (the record key); null: every tenant (operators only)
 * @param user   only events whose {@code data.user} is this
 * @param type   only this CloudEvents type ({@code dev.wharf.} may be left out: {@code file.uploaded})
 * @param since  events from this time on, where {@code after} has no position
 * @param after  per partition, the offset to read from (the {@code next} of the previous page)
 * @param limit  at most this many events
 */
public record AuditQuery(String tenant, String user, String type, Instant since, Map<Integer, Long> after,
                         int limit) {
    /** The CloudEvents type prefix every Wharf event has. */
    static final String TYPE_PREFIX = "dev.wharf.";

    /** The full type asked for, or null. */
    String fullType() {
        return type == null || type.startsWith(TYPE_PREFIX) ? type : TYPE_PREFIX + type;
    }
}
