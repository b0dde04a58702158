package dev.wharf.policy.ban;

import dev.wharf.policy.address.CidrList;
import dev.wharf.policy.testing.Defenders;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BanLedgerTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private final BanLedger ledger = new BanLedger(Defenders.settings());

    private Optional<Ban> fail(String ip, String user, Instant at) {
        return ledger.apply(DefenderEvent.failure(ip, "acme", user, "sftp", at, "r1"));
    }

    /** Three failures from {@code ip}, each on its own user name (so that only the address count bans). */
    private Ban banAt(String ip, Instant at) {
        fail(ip, "u1-" + at, at);
        fail(ip, "u2-" + at, at);
        return fail(ip, "u3-" + at, at).orElseThrow();
    }

    @Test
    void bansAtTheThresholdForTheBanTime() {
        assertTrue(fail("a", "x", T0).isEmpty());
        assertTrue(fail("a", "y", T0.plusSeconds(1)).isEmpty());
        Ban ban = fail("a", "z", T0.plusSeconds(2)).orElseThrow();
        assertEquals(new Ban("a", "z", "acme", Ban.ADDRESS_FAILURES, T0.plusSeconds(2),
                T0.plusSeconds(2).plus(Duration.ofMinutes(15)), 1), ban);
        assertEquals(Optional.of(ban.until()), ledger.bannedUntil("a", T0.plusSeconds(3)));
        assertEquals(List.of(ban), ledger.bans(T0.plusSeconds(3)));
        assertEquals(1, ledger.bannedCount(T0.plusSeconds(3)));
        assertTrue(ledger.bannedUntil("a", ban.until()).isEmpty());
        assertEquals(List.of(), ledger.bans(ban.until()));
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        fail("a", "x", T0);
        fail("a", "y", T0.plusSeconds(60));
        assertTrue(fail("a", "z", T0.plus(Duration.ofMinutes(10)).plusSeconds(1)).isEmpty());
        assertTrue(ledger.bannedUntil("a", T0.plus(Duration.ofMinutes(11))).isEmpty());
    }

    @Test
    void repeatOffencesDoubleTheBanUpToTheMaximum() {
        Instant t = T0;
        List<Duration> lengths = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Ban b = banAt("a", t);
            assertEquals(i + 1, b.offences());
            lengths.add(Duration.between(b.since(), b.until()));
            t = b.until();
        }
        assertEquals(List.of(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
                Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(16), Duration.ofHours(24),
                Duration.ofHours(24)), lengths);
    }

    @Test
    void anOffenceOlderThanTheHistoryIsForgotten() {
        Ban first = banAt("a", T0);
        Ban later = banAt("a", first.since().plus(Defenders.settings().history()).plusSeconds(1));
        assertEquals(1, later.offences());
        assertEquals(Duration.ofMinutes(15), Duration.between(later.since(), later.until()));
    }

    @Test
    void aUserNameUnderAttackBansEachFurtherFailingAddress() {
        assertTrue(fail("10.0.0.1", "alice", T0).isEmpty());
        assertTrue(fail("10.0.0.2", "alice", T0).isEmpty());
        Ban third = fail("10.0.0.3", "ALICE", T0).orElseThrow();
        assertEquals(Ban.USER_FAILURES, third.reason());
        Ban fourth = fail("10.0.0.4", "alice", T0.plusSeconds(1)).orElseThrow();
        assertEquals("10.0.0.4", fourth.clientIp());
        assertTrue(ledger.bannedUntil("10.0.0.1", T0.plusSeconds(2)).isEmpty());
        // another tenant's alice is another user
        assertTrue(ledger.apply(DefenderEvent.failure("10.0.0.9", "other", "alice", "sftp", T0, "r1")).isEmpty());
    }

    @Test
    void liftEndsTheBanAndForgetsTheOffences() {
        banAt("a", T0);
        assertTrue(ledger.apply(DefenderEvent.lift("a", "op", T0.plusSeconds(5), "r2")).isEmpty());
        assertTrue(ledger.bannedUntil("a", T0.plusSeconds(6)).isEmpty());
        assertFalse(ledger.lift("a", T0.plusSeconds(6)));
        Ban again = banAt("a", T0.plusSeconds(10));
        assertEquals(1, again.offences());
    }

    @Test
    void failuresDuringABanAddNothing() {
        Ban ban = banAt("a", T0);
        assertTrue(fail("a", "x", T0.plusSeconds(1)).isEmpty());
        assertEquals(Optional.of(ban.until()), ledger.bannedUntil("a", T0.plusSeconds(2)));
    }

    @Test
    void forgetsTheLeastRecentlyActiveAddressWhenFull() {
        BanLedger small = new BanLedger(new DefenderSettings(2, Duration.ofMinutes(10), Duration.ofMinutes(15),
                Duration.ofHours(1), Duration.ofHours(1), 2, CidrList.of(List.of())));
        small.apply(DefenderEvent.failure("a", null, null, "sftp", T0, "r"));
        small.apply(DefenderEvent.failure("b", null, null, "sftp", T0, "r"));
        small.apply(DefenderEvent.failure("a", null, null, "sftp", T0, "r"));
        // full: "c" pushes out "b" (the eldest without a ban), not the banned "a"
        small.apply(DefenderEvent.failure("c", null, null, "sftp", T0, "r"));
        assertEquals(1, small.bannedCount(T0));
        // "b" starts over: its earlier failure was forgotten
        assertTrue(small.apply(DefenderEvent.failure("b", null, null, "sftp", T0, "r")).isEmpty());
        assertEquals(1, small.bannedCount(T0));
    }

    @Test
    void settingsThatWouldForgetBansAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DefenderSettings(3, Duration.ofMinutes(5),
                Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofHours(1), 10, CidrList.of(List.of())));
        assertThrows(IllegalArgumentException.class, () -> new DefenderSettings(3, Duration.ofMinutes(5),
                Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofHours(24), 10, CidrList.of(List.of("x/99"))));
    }
}
