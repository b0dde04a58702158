package dev.wharf.identity.keycloak;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AdminTokenSourceTest {
    @Test
    void aLiveTokenIsReused() {
        AtomicInteger fetches = new AtomicInteger();
        AdminTokenSource s = new AdminTokenSource(() -> new AdminTokenSource.Token("t" + fetches.incrementAndGet(),
                Duration.ofMinutes(5)));
        assertEquals("t1", s.token());
        assertEquals("t1", s.token());
        assertEquals(1, fetches.get());
    }

    @Test
    void aTokenCloseToExpiryIsRefreshed() {
        AtomicInteger fetches = new AtomicInteger();
        // a zero lifetime is always within the refresh margin
        AdminTokenSource s = new AdminTokenSource(() -> new AdminTokenSource.Token("t" + fetches.incrementAndGet(),
                Duration.ZERO));
        assertEquals("t1", s.token());
        assertEquals("t2", s.token());
    }

    @Test
    void anInvalidatedTokenIsFetchedAgainButOnlyOnce() {
        AtomicInteger fetches = new AtomicInteger();
        AdminTokenSource s = new AdminTokenSource(() -> new AdminTokenSource.Token("t" + fetches.incrementAndGet(),
                Duration.ofMinutes(5)));
        String first = s.token();
        s.invalidate(first);
        assertEquals("t2", s.token());
        s.invalidate(first); // a stale rejection must not drop the fresh token
        assertEquals("t2", s.token());
        assertEquals(2, fetches.get());
    }
}
