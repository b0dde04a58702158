package dev.wharf.core.grant;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A session's grant is shown as it is until close to its expiry, then renewed once. */
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
    void renewsWhenTheLastMinuteStartsAndNotBefore() {
        MovingClock clock = new MovingClock();
        AtomicInteger renewals = new AtomicInteger();
        Duration life = Duration.ofMinutes(5);
        SessionGrant g = new SessionGrant("acme", new IssuedGrant("t0", clock.now.plus(life)), current -> {
            int n = renewals.incrementAndGet();
            return new IssuedGrant("t" + n, clock.now.plus(life));
        }, clock);
        assertEquals("t0", g.token());
        clock.now = clock.now.plus(Duration.ofSeconds(239));
        assertEquals("t0", g.token(), "more than a minute left");
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertEquals("t1", g.token(), "one minute left: renewed");
        assertEquals("t1", g.token(), "renewed once");
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertEquals("t2", g.token(), "an expired grant is renewed before it is shown");
        assertEquals(2, renewals.get());
    }

    @Test
    void aShortGrantIsRenewedInItsLastQuarter() {
        MovingClock clock = new MovingClock();
        SessionGrant g = new SessionGrant("acme", new IssuedGrant("t0", clock.now.plusSeconds(40)),
                current -> new IssuedGrant("t1", clock.now.plusSeconds(40)), clock);
        clock.now = clock.now.plusSeconds(29);
        assertEquals("t0", g.token());
        clock.now = clock.now.plusSeconds(1);
        assertEquals("t1", g.token());
    }

    @Test
    void anUnsignedGrantShowsNothing() {
        SessionGrant g = SessionGrant.unsigned("acme");
        assertNull(g.token());
        assertEquals("acme", g.tenant());
    }
}
