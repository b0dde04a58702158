package dev.wharf.identity.session;

import dev.wharf.state.LocalSharedLog;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-user session count: admission at the limit, ends, leases, and what replicas tell each other. */
class SessionRegistryTest {
    private static final Duration LEASE = Duration.ofMinutes(6);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));

    private SessionRegistry registry(List<SessionEvent> published) {
        return new SessionRegistry(clock, LEASE, handler -> new LocalSharedLog<SessionEvent>(e -> {
            published.add(e);
            handler.accept(e);
        }));
    }

    private Instant lease() {
        return clock.instant().plus(LEASE);
    }

    @Test
    void theSessionOverTheLimitIsRefusedAndAnEndMakesRoom() {
        SessionRegistry r = registry(new ArrayList<>());
        assertTrue(r.admit("acme", "alice", "s1", 2, lease()));
        assertTrue(r.admit("acme", "alice", "s2", 2, lease()));
        assertFalse(r.admit("acme", "alice", "s3", 2, lease()));
        assertEquals(2, r.count("acme", "alice"));
        assertTrue(r.admit("acme", "bob", "s4", 2, lease()), "another user's count is its own");
        assertTrue(r.admit("other", "alice", "s5", 2, lease()), "another tenant's alice is someone else");
        r.end("acme", "alice", "s1");
        assertEquals(1, r.count("acme", "alice"));
        assertTrue(r.admit("acme", "alice", "s3", 2, lease()));
    }

    @Test
    void aSessionWhoseGatewayDiedStopsCountingWhenItsLeaseRunsOut() {
        SessionRegistry r = registry(new ArrayList<>());
        assertTrue(r.admit("acme", "alice", "s1", 1, lease()));
        clock.advance(LEASE.minusSeconds(1));
        assertFalse(r.admit("acme", "alice", "s2", 1, lease()));
        r.renew("acme", "alice", "s1", lease());
        clock.advance(LEASE.minusSeconds(1));
        assertFalse(r.admit("acme", "alice", "s2", 1, lease()), "a renewed lease still counts");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, r.count("acme", "alice"));
        assertTrue(r.admit("acme", "alice", "s2", 1, lease()));
    }

    @Test
    void anEndedSessionIsNotRevivedByALateRenewal() {
        SessionRegistry r = registry(new ArrayList<>());
        assertTrue(r.admit("acme", "alice", "s1", 1, lease()));
        r.end("acme", "alice", "s1");
        r.apply(new SessionEvent(SessionEvent.RENEW, "acme", "alice", "s1", lease()));
        assertEquals(0, r.count("acme", "alice"));
    }

    @Test
    void onlyCountedSessionsAreRenewedOrEnded() {
        List<SessionEvent> published = new ArrayList<>();
        SessionRegistry r = registry(published);
        r.renew("acme", "carol", "unlimited", lease());
        r.end("acme", "carol", "unlimited");
        assertTrue(published.isEmpty(), "a user without a limit leaves no events: " + published);
    }

    @Test
    void aReplicaCountsTheSessionsAnotherAdmitted() {
        List<SessionEvent> published = new ArrayList<>();
        SessionRegistry first = registry(published);
        assertTrue(first.admit("acme", "alice", "s1", 1, lease()));
        SessionRegistry second = registry(new ArrayList<>());
        published.forEach(second::apply);
        assertFalse(second.admit("acme", "alice", "s2", 1, lease()));
        first.end("acme", "alice", "s1");
        published.forEach(second::apply);
        assertTrue(second.admit("acme", "alice", "s2", 1, lease()));
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
