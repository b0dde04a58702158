package dev.wharf.policy.ban;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryBanStoreTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private final InMemoryBanStore store =
            new InMemoryBanStore(new BanSettings(3, Duration.ofMinutes(10), Duration.ofMinutes(15), 1000));

    @Test
    void bansAtTheThresholdForTheConfiguredDuration() {
        assertTrue(store.recordFailure("a", T0).isEmpty());
        assertTrue(store.recordFailure("a", T0.plusSeconds(1)).isEmpty());
        Optional<Instant> ban = store.recordFailure("a", T0.plusSeconds(2));
        assertEquals(Optional.of(T0.plusSeconds(2).plus(Duration.ofMinutes(15))), ban);
        assertTrue(store.bannedUntil("a", T0.plusSeconds(3)).isPresent());
        assertEquals(1, store.bannedCount(T0.plusSeconds(3)));
        assertTrue(store.bannedUntil("a", T0.plusSeconds(2).plus(Duration.ofMinutes(15))).isEmpty());
        assertEquals(0, store.bannedCount(T0.plus(Duration.ofHours(1))));
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        store.recordFailure("a", T0);
        store.recordFailure("a", T0.plusSeconds(60));
        assertTrue(store.recordFailure("a", T0.plus(Duration.ofMinutes(10)).plusSeconds(1)).isEmpty());
        assertTrue(store.bannedUntil("a", T0.plus(Duration.ofMinutes(11))).isEmpty());
    }

    @Test
    void addressesAreCountedSeparately() {
        store.recordFailure("a", T0);
        store.recordFailure("a", T0);
        store.recordFailure("b", T0);
        assertTrue(store.recordFailure("b", T0).isEmpty());
        assertTrue(store.recordFailure("a", T0).isPresent());
        assertFalse(store.bannedUntil("b", T0).isPresent());
    }

    @Test
    void anAddressStartsOverAfterItsBan() {
        for (int i = 0; i < 3; i++) {
            store.recordFailure("a", T0);
        }
        Instant after = T0.plus(Duration.ofMinutes(16));
        assertTrue(store.recordFailure("a", after).isEmpty());
        assertTrue(store.bannedUntil("a", after).isEmpty());
    }

    @Test
    void forgetsTheLeastRecentlySeenAddressWhenFull() {
        InMemoryBanStore small = new InMemoryBanStore(new BanSettings(1, Duration.ofMinutes(1), Duration.ofMinutes(1), 2));
        small.recordFailure("a", T0);
        small.recordFailure("b", T0);
        small.recordFailure("c", T0);
        assertTrue(small.bannedUntil("a", T0).isEmpty());
        assertTrue(small.bannedUntil("b", T0).isPresent());
        assertTrue(small.bannedUntil("c", T0).isPresent());
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new BanSettings(0, Duration.ofMinutes(1), Duration.ofMinutes(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new BanSettings(1, Duration.ZERO, Duration.ofMinutes(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new BanSettings(1, Duration.ofMinutes(1), Duration.ofMinutes(-1), 1));
        assertThrows(IllegalArgumentException.class, () -> new BanSettings(1, Duration.ofMinutes(1), Duration.ofMinutes(1), 0));
    }
}
