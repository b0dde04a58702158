package dev.wharf.core.audit;

/**
 * Where audit events go (Kafka topic {@code wharf.audit}, through a local spool); never waits for the broker.
 *
 * <p>A spooling sink returns from {@link #publish} only once the event is on disk, so an action acknowledged
 * after {@code publish} returned is recorded whatever happens to the process. When it cannot record the event
 * (spool full, spool disk failing) it logs the event whole and throws a
 * {@link dev.wharf.core.WharfException} with reason {@code audit_unavailable}.
 */
public interface AuditSink {
    void publish(AuditEvent event);

    /**
     * False while this sink cannot take new work's events (spool nearly full, or its disk failing): gateways then
     * refuse new logins and transfers with {@code audit_unavailable} until it is true again.
     */
    default boolean accepting() {
        return true;
    }

    /**
     * True while this replica's own spool disk fails (or the spool is closed): unlike a full spool, which every
     * replica reaches together during a Kafka outage, only this replica is affected, so readiness turns DOWN.
     */
    default boolean diskFailing() {
        return false;
    }
}
