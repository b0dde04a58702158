package dev.wharf.identity.session;

import dev.wharf.state.SharedLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The sessions each user has open, for the per-user session limit (issue 14, must-have 4), kept as leases: a
 * session counts from its login until its gateway reports its end, or until its lease runs out when the gateway
 * never does (killed, cut off). Every replica holds the whole picture: each change is applied here at once and
 * shared through a wharf-state {@link SharedLog} (Kafka, or this process alone).
 *
 * <p>Admission reads this replica's picture: two logins of the same user landing on two replicas within the time
 * Kafka takes to carry an event (milliseconds) can both be admitted, so the limit may be passed by one session per
 * replica at that instant; it is never undercounted while gateways and Kafka work (docs/DECISIONS.md).
 */
public final class SessionRegistry implements AutoCloseable {
    /** Sessions of one user tracked at most: far above any limit an administrator sets (bounded memory). */
    static final int MAX_PER_USER = 10_000;

    /** tenant\0username -> session id -> lease end. */
    private final Map<String, Map<String, Instant>> open = new ConcurrentHashMap<>();
    /** Ended session ids -> when to forget them: a renewal read after the end must not revive the session. */
    private final Map<String, Instant> ended = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration forgetEndedAfter;
    private final SharedLog<SessionEvent> log;

    /**
     * @param forgetEndedAfter how long an ended session's id is remembered: the longest lease
     * @param logs             starts the shared log with the handler it is given
     */
    public SessionRegistry(Clock clock, Duration forgetEndedAfter,
                           Function<Consumer<SessionEvent>, SharedLog<SessionEvent>> logs) {
        this.clock = clock;
        this.forgetEndedAfter = forgetEndedAfter;
        this.log = logs.apply(this::apply);
    }

    /**
     * Opens {@code sessionId}'s lease until {@code until} if the user has fewer than {@code limit} sessions open;
     * false (nothing recorded) when the user is at its limit. Atomic on this replica.
     */
    public boolean admit(String tenant, String username, String sessionId, int limit, Instant until) {
        Instant now = clock.instant();
        Map<String, Instant> sessions = sessions(tenant, username);
        synchronized (sessions) {
            sessions.values().removeIf(end -> !now.isBefore(end));
            if (!sessions.containsKey(sessionId) && sessions.size() >= Math.min(limit, MAX_PER_USER)) {
                return false;
            }
            sessions.put(sessionId, until);
        }
        log.publish(key(tenant, username), new SessionEvent(SessionEvent.OPEN, tenant, username, sessionId, until));
        return true;
    }

    /**
     * Extends a session's lease (its grant was renewed); a session already ended stays ended. Sessions not counted
     * (their user has no limit) are left alone, so the registry holds only limited users' sessions.
     */
    public void renew(String tenant, String username, String sessionId, Instant until) {
        if (counted(tenant, username, sessionId)) {
            share(new SessionEvent(SessionEvent.RENEW, tenant, username, sessionId, until));
        }
    }

    /** The session ended (its gateway said so): it stops counting at once, on every replica. */
    public void end(String tenant, String username, String sessionId) {
        if (counted(tenant, username, sessionId)) {
            share(new SessionEvent(SessionEvent.END, tenant, username, sessionId, null));
        }
    }

    private boolean counted(String tenant, String username, String sessionId) {
        Map<String, Instant> sessions = open.get(key(tenant, username));
        return sessions != null && sessionId != null && sessions.containsKey(sessionId);
    }

    /** How many sessions the user has open now. */
    public int count(String tenant, String username) {
        Instant now = clock.instant();
        Map<String, Instant> sessions = open.get(key(tenant, username));
        if (sessions == null) {
            return 0;
        }
        synchronized (sessions) {
            return (int) sessions.values().stream().filter(end -> now.isBefore(end)).count();
        }
    }

    /** True once the shared log's replay window has been read (readiness). */
    public boolean caughtUp() {
        return log.caughtUp();
    }

    @Override
    public void close() {
        log.close();
    }

    private void share(SessionEvent e) {
        apply(e);
        log.publish(key(e.tenant(), e.username()), e);
    }

    /** Applies an event, this replica's or another's; malformed and stale ones are ignored. */
    void apply(SessionEvent e) {
        if (e == null || e.kind() == null || e.tenant() == null || e.username() == null || e.sessionId() == null) {
            return;
        }
        Instant now = clock.instant();
        Map<String, Instant> sessions = sessions(e.tenant(), e.username());
        synchronized (sessions) {
            sessions.values().removeIf(end -> !now.isBefore(end));
            switch (e.kind()) {
                case SessionEvent.END -> {
                    sessions.remove(e.sessionId());
                    forgetOldEnds(now);
                    ended.put(e.sessionId(), now.plus(forgetEndedAfter));
                }
                case SessionEvent.OPEN, SessionEvent.RENEW -> {
                    if (e.until() != null && now.isBefore(e.until()) && !ended.containsKey(e.sessionId())
                            && (sessions.containsKey(e.sessionId()) || sessions.size() < MAX_PER_USER)) {
                        sessions.merge(e.sessionId(), e.until(), (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
                default -> {
                    // a kind a newer replica added: not ours to apply
                }
            }
        }
    }

    private void forgetOldEnds(Instant now) {
        if (ended.size() > MAX_PER_USER) {
            ended.values().removeIf(t -> !now.isBefore(t));
        }
    }

    private Map<String, Instant> sessions(String tenant, String username) {
        return open.computeIfAbsent(key(tenant, username), k -> new ConcurrentHashMap<>());
    }

    private static String key(String tenant, String username) {
        return tenant + '/' + username;
    }
}
