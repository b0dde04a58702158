package dev.wharf.identity.authn;

import dev.wharf.core.identity.Principal;
import dev.wharf.identity.tenant.UserChanged;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache without Keycloak: hits, misses, switching off, bounds, and what an admin change drops. */
class PasswordCheckCacheTest {
    private static final Principal ALICE = new Principal("acme", "alice", "id", List.of(), "/alice", List.of(),
            List.of());

    private static PasswordCheckCache cache(Duration ttl, int max) {
        return new PasswordCheckCache(new CredentialDigest(), new PasswordCacheConfig() {
            @Override
            public Duration ttl() {
                return ttl;
            }

            @Override
            public int maxEntries() {
                return max;
            }
        });
    }

    @Test
    void onlyTheSamePasswordOfTheSameUserHits() {
        PasswordCheckCache c = cache(Duration.ofMinutes(1), 10);
        c.put("acme", "alice", "secret-1", ALICE);
        assertEquals(ALICE, c.get("acme", "alice", "secret-1").orElseThrow());
        assertEquals(ALICE, c.get("acme", "ALICE", "secret-1").orElseThrow());
        assertTrue(c.get("acme", "alice", "secret-2").isEmpty());
        assertTrue(c.get("other", "alice", "secret-1").isEmpty());
    }

    @Test
    void aZeroTtlTurnsItOff() {
        PasswordCheckCache c = cache(Duration.ZERO, 10);
        c.put("acme", "alice", "secret-1", ALICE);
        assertTrue(c.get("acme", "alice", "secret-1").isEmpty());
    }

    @Test
    void itIsBounded() {
        PasswordCheckCache c = cache(Duration.ofMinutes(1), 2);
        c.put("acme", "a", "p", ALICE);
        c.put("acme", "b", "p", ALICE);
        c.put("acme", "c", "p", ALICE);
        assertTrue(c.get("acme", "c", "p").isEmpty());
        assertTrue(c.get("acme", "a", "p").isPresent());
    }

    @Test
    void anAdminChangeDropsTheUserOrTheTenant() {
        PasswordCheckCache c = cache(Duration.ofMinutes(1), 10);
        c.put("acme", "alice", "p", ALICE);
        c.put("acme", "bob", "p", ALICE);
        c.put("other", "carol", "p", ALICE);
        c.onUserChanged(new UserChanged("acme", "ALICE"));
        assertTrue(c.get("acme", "alice", "p").isEmpty());
        assertTrue(c.get("acme", "bob", "p").isPresent());
        c.onUserChanged(new UserChanged("acme", null));
        assertTrue(c.get("acme", "bob", "p").isEmpty());
        assertTrue(c.get("other", "carol", "p").isPresent());
    }
}
