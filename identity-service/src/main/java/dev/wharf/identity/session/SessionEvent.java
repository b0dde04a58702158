package dev.wharf.identity.session;

import java.time.Instant;

/**
 * One change of the open sessions, as identity-service replicas exchange it on Kafka.
 *
 * @param kind      {@code open} or {@code renew} (the session counts until {@code until}), {@code end} (it stopped)
 * @param sessionId the gateway's session id (a UUID), which the session's grant names
 * @param until     {@code open}, {@code renew}: when the lease runs out unless renewed
 */
public record SessionEvent(String kind, String tenant, String username, String sessionId, Instant until) {
    static final String OPEN = "open";
    static final String RENEW = "renew";
    static final String END = "end";
}
