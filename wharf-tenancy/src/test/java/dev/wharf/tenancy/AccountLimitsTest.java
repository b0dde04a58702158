package dev.wharf.tenancy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's expiry date and session limit, as the login chain reads them. */
class AccountLimitsTest {

    @Test
    void theExpiryDateIsTheLastDayTheAccountMayLogIn() {
        AccountLimits l = AccountLimits.read(Map.of(UserAttributes.EXPIRES, List.of("2027-01-31")));
        assertEquals(LocalDate.of(2027, 1, 31), l.expires());
        assertFalse(l.expiredAt(Instant.parse("2027-01-31T00:00:00Z")));
        assertFalse(l.expiredAt(Instant.parse("2027-01-31T23:59:59.999Z")));
        assertTrue(l.expiredAt(Instant.parse("2027-02-01T00:00:00Z")));
    }

    @Test
    void noAttributesNoLimits() {
        assertEquals(AccountLimits.NONE, AccountLimits.read(Map.of()));
        assertFalse(AccountLimits.NONE.expiredAt(Instant.parse("2999-01-01T00:00:00Z")));
        assertEquals(AccountLimits.NONE, AccountLimits.read(Map.of(UserAttributes.EXPIRES, List.of(" "))));
    }

    @Test
    void unreadableValuesFailClosed() {
        AccountLimits l = AccountLimits.read(Map.of(UserAttributes.EXPIRES, List.of("end of january"),
                UserAttributes.MAX_SESSIONS, List.of("many")));
        assertTrue(l.expiredAt(Instant.parse("2026-01-01T00:00:00Z")), "an unreadable date reads as expired");
        assertEquals(0, l.maxSessions(), "an unreadable limit admits no session");
        assertEquals(3, AccountLimits.read(Map.of(UserAttributes.MAX_SESSIONS, List.of(" 3 "))).maxSessions());
    }
}
