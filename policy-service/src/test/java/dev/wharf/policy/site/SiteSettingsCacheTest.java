package dev.wharf.policy.site;

import dev.wharf.tenancy.RealmAttributes;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.policy.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache's rules against a realm table in memory; the Keycloak reader itself is tested in SiteRulesTest. */
class SiteSettingsCacheTest {
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration STALE = Duration.ofMinutes(5);

    private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final Map<String, Map<String, String>> realms = new HashMap<>();
    private final List<String> reads = new ArrayList<>();
    private boolean keycloakDown;

    private final Function<String, Optional<SiteRules>> loader = tenant -> {
        reads.add(tenant);
        if (keycloakDown) {
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, "Keycloak down");
        }
        return Optional.ofNullable(realms.get(tenant)).map(SiteRules::fromAttributes);
    };

    private SiteSettingsCache cache(int maxTenants) {
        return new SiteSettingsCache(loader, TTL, STALE, maxTenants, clock);
    }

    @Test
    void aWarmCacheDoesNotReadAgainUntilTheTtlIsOver() {
        realms.put("acme", Map.of(RealmAttributes.PLAIN_FTP, "true"));
        SiteSettingsCache c = cache(10);
        assertTrue(c.settings("acme").plainFtpAllowed());
        clock.advance(TTL.minusSeconds(1));
        for (int i = 0; i < 100; i++) {
            c.settings("acme");
        }
        assertEquals(List.of("acme"), reads);

        realms.put("acme", Map.of(RealmAttributes.PLAIN_FTP, "false"));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(c.settings("acme").plainFtpAllowed(), "an admin change shows after the TTL");
        assertEquals(2, reads.size());
    }

    @Test
    void unknownTenantsAreCachedAsNoRules() {
        SiteSettingsCache c = cache(10);
        assertSame(SiteRules.NONE, c.settings("nosuch"));
        assertSame(SiteRules.NONE, c.settings("nosuch"));
        assertEquals(List.of("nosuch"), reads);
    }

    @Test
    void namesThatCannotBeTenantsAreNeverLookedUp() {
        SiteSettingsCache c = cache(10);
        for (String bad : new String[]{"..", "a/b", "-x", "a".repeat(64), "", "master%2F"}) {
            assertSame(SiteRules.NONE, c.settings(bad), bad);
        }
        assertSame(SiteRules.NONE, c.settings(null));
        assertEquals(List.of(), reads);
    }

    @Test
    void staleSettingsAreUsedForALimitedTimeWhileKeycloakIsDown() {
        realms.put("acme", Map.of(RealmAttributes.ALLOWED_CIDRS, "203.0.113.0/24"));
        SiteSettingsCache c = cache(10);
        SiteRules first = c.settings("acme");
        keycloakDown = true;
        clock.advance(TTL.plus(STALE).minusSeconds(1));
        assertSame(first, c.settings("acme"));
        clock.advance(Duration.ofSeconds(1));
        WharfException e = assertThrows(WharfException.class, () -> c.settings("acme"));
        assertEquals(Reason.SERVICE_UNAVAILABLE, e.reason());
    }

    @Test
    void withNothingKnownAnOutageReachesTheCaller() {
        keycloakDown = true;
        WharfException e = assertThrows(WharfException.class, () -> cache(10).settings("acme"));
        assertEquals(Reason.SERVICE_UNAVAILABLE, e.reason());
    }

    @Test
    void theCacheIsBoundedAndDropsTheOldestTenantFirst() {
        SiteSettingsCache c = cache(2);
        c.settings("a");
        clock.advance(Duration.ofSeconds(1));
        c.settings("b");
        clock.advance(Duration.ofSeconds(1));
        c.settings("c");
        assertEquals(2, c.size());
        reads.clear();
        c.settings("b");
        c.settings("c");
        assertEquals(List.of(), reads, "the newer tenants are still cached");
        c.settings("a");
        assertEquals(List.of("a"), reads, "the oldest was dropped");
    }

    @Test
    void tenantNamesAreCaseInsensitive() {
        realms.put("acme", Map.of(RealmAttributes.ALLOWED_CIDRS, "203.0.113.0/24"));
        SiteSettingsCache c = cache(10);
        assertFalse(c.settings("ACME").allowedCidrs().isEmpty());
        assertFalse(c.settings("Acme").allowedCidrs().isEmpty());
        assertEquals(List.of("acme"), reads);
    }

    @Test
    void invalidateMakesTheNextDecisionReadAgain() {
        SiteSettingsCache c = cache(10);
        c.settings("acme");
        c.invalidate("acme");
        c.settings("acme");
        assertEquals(List.of("acme", "acme"), reads);
    }
}
