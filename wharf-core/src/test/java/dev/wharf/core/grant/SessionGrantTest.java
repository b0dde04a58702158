package dev.wharf.core.grant;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A session's grant is shown as it is until half its lifetime, then renewed; an identity outage is ridden out. */
class SessionGrantTest {
    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void renewsAtHalfItsLifetimeAndNotBefore() {
        MovingClock clock = new MovingClock();
        AtomicInteger renewals = new AtomicInteger();
        Duration life = Duration.ofMinutes(5);
        SessionGrant g = new SessionGrant("acme", new IssuedGrant("t0", clock.now.plus(life)), current -> {
            int n = renewals.incrementAndGet();
            return new IssuedGrant("t" + n, clock.now.plus(life));
        }, clock);
        assertEquals("t0", g.token());
        clock.now = clock.now.plus(Duration.ofSeconds(149));
        assertEquals("t0", g.token(), "more than half the lifetime left");
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertEquals("t1", g.token(), "half the lifetime left: renewed");
        assertEquals("t1", g.token(), "renewed once");
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertEquals("t2", g.token(), "an expired grant is renewed before it is shown");
        assertEquals(2, renewals.get());
    }

    @Test
    void anIdentityOutageKeepsTheValidGrantAndRetriesUntilItExpires() {
        MovingClock clock = new MovingClock();
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean down = new AtomicBoolean(true);
        Duration life = Duration.ofMinutes(5);
        SessionGrant g = new SessionGrant("acme", new IssuedGrant("t0", clock.now.plus(life)), current -> {
            attempts.incrementAndGet();
            if (down.get()) {
                throw new WharfException(Reason.SERVICE_UNAVAILABLE, "identity-service cannot be reached");
            }
            return new IssuedGrant("t1", clock.now.plus(life));
        }, clock);
        clock.now = clock.now.plus(Duration.ofSeconds(150));
        assertEquals("t0", g.token(), "renewal failed: the grant still valid is shown");
        assertEquals("t0", g.token(), "not retried at once");
        assertEquals(1, attempts.get());
        clock.now = clock.now.plus(SessionGrant.RETRY);
        assertEquals("t0", g.token());
        assertEquals(2, attempts.get(), "retried after RETRY");
        down.set(false);
        clock.now = clock.now.plus(SessionGrant.RETRY);
        assertEquals("t1", g.token(), "identity back: renewed");
    }

    @Test
    void aGrantThatExpiredDuringTheOutageFailsTheCall() {
        MovingClock clock = new MovingClock();
        SessionGrant g = new SessionGrant("acme", new IssuedGrant("t0", clock.now.plusSeconds(60)), current -> {
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, "identity-service cannot be reached");
        }, clock);
        clock.now = clock.now.plusSeconds(59);
        assertEquals("t0", g.token());
        clock.now = clock.now.plusSeconds(1);
        WharfException e = assertThrows(WharfException.class, g::token);
        assertEquals(Reason.SERVICE_UNAVAILABLE, e.reason());
    }

    @Test
    void aRefusedRenewalEndsTheSessionAtOnce() {
        MovingClock clock = new MovingClock();
        SessionGrant g = new SessionGrant("acme", new IssuedGrant("t0", clock.now.plusSeconds(300)), current -> {
            throw new WharfException(Reason.ACCOUNT_DISABLED, "disabled");
        }, clock);
        clock.now = clock.now.plusSeconds(150);
        WharfException e = assertThrows(WharfException.class, g::token, "a refusal is not an outage");
        assertEquals(Reason.ACCOUNT_DISABLED, e.reason());
    }

    @Test
    void anUnsignedGrantShowsNothing() {
        SessionGrant g = SessionGrant.unsigned("acme");
        assertNull(g.token());
        assertEquals("acme", g.tenant());
    }
}
