package dev.wharf.identity.authn;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AccountThrottleTest {
    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");

    private static AccountThrottle throttle(int cap) {
        return new AccountThrottle(new AccountThrottleConfig() {
            @Override
            public int failuresPerMinute() {
                return cap;
            }

            @Override
            public Duration knownAddressTtl() {
                return Duration.ofDays(30);
            }

            @Override
            public int maxAccounts() {
                return 1000;
            }
        });
    }

    @Test
    void theCapThrottlesNewAddressesUntilTheMinuteIsOver() {
        AccountThrottle t = throttle(3);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), t.throttledUntil("acme", "alice", "203.0.113." + i, T0.plusSeconds(i)));
            t.failed("acme", "alice", T0.plusSeconds(i));
        }
        assertEquals(Optional.of(T0.plusSeconds(60)), t.throttledUntil("acme", "alice", "203.0.113.9", T0.plusSeconds(5)));
        assertEquals(Optional.of(T0.plusSeconds(60)), t.throttledUntil("acme", "ALICE", "203.0.113.9", T0.plusSeconds(5)),
                "user names are compared as Keycloak does, ignoring case");
        assertEquals(Optional.empty(), t.throttledUntil("acme", "bob", "203.0.113.9", T0.plusSeconds(5)));
        assertEquals(Optional.empty(), t.throttledUntil("other", "alice", "203.0.113.9", T0.plusSeconds(5)));
        assertEquals(Optional.empty(), t.throttledUntil("acme", "alice", "203.0.113.9", T0.plusSeconds(60)));
        t.failed("acme", "alice", T0.plusSeconds(61));
        assertEquals(Optional.empty(), t.throttledUntil("acme", "alice", "203.0.113.9", T0.plusSeconds(62)),
                "a new minute starts counting again");
    }

    @Test
    void anAddressTheUserLoggedInFromIsNeverThrottled() {
        AccountThrottle t = throttle(2);
        t.succeeded("acme", "alice", "198.51.100.7", T0);
        t.failed("acme", "alice", T0.plusSeconds(1));
        t.failed("acme", "alice", T0.plusSeconds(2));
        assertEquals(Optional.empty(), t.throttledUntil("acme", "alice", "198.51.100.7", T0.plusSeconds(3)));
        assertEquals(Optional.of(T0.plusSeconds(61)), t.throttledUntil("acme", "alice", "203.0.113.1", T0.plusSeconds(3)));
    }

    @Test
    void zeroTurnsTheThrottleOff() {
        AccountThrottle t = throttle(0);
        for (int i = 0; i < 100; i++) {
            t.failed("acme", "alice", T0);
        }
        assertEquals(Optional.empty(), t.throttledUntil("acme", "alice", "203.0.113.1", T0));
    }
}
