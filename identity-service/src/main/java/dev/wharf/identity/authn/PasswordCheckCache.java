package dev.wharf.identity.authn;

import dev.wharf.core.identity.Principal;
import dev.wharf.identity.tenant.UserChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Successful password checks of users without a second factor, reused for a short time so that a burst of parallel
 * connections does not pay Keycloak's slow password hash each time. Keyed by {@link CredentialDigest} (an HMAC
 * under a per-process key: the password is never kept); dropped on any admin change to the user. Per replica.
 */
@ApplicationScoped
public class PasswordCheckCache {
    private record Entry(String tenant, String username, Principal principal, Instant until) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final CredentialDigest digests;
    private final Duration ttl;
    private final int maxEntries;

    @Inject
    public PasswordCheckCache(CredentialDigest digests, PasswordCacheConfig config) {
        this.digests = digests;
        this.ttl = config.ttl();
        this.maxEntries = config.maxEntries();
    }

    public Optional<Principal> get(String tenant, String username, String password) {
        if (ttl.isZero() || ttl.isNegative()) {
            return Optional.empty();
        }
        Entry e = entries.get(key(tenant, username, password));
        if (e == null || !Instant.now().isBefore(e.until())) {
            return Optional.empty();
        }
        return Optional.of(e.principal());
    }

    public void put(String tenant, String username, String password, Principal principal) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        Instant now = Instant.now();
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> !now.isBefore(e.until()));
            if (entries.size() >= maxEntries) {
                return;
            }
        }
        entries.put(key(tenant, username, password), new Entry(tenant, norm(username), principal, now.plus(ttl)));
    }

    void onUserChanged(@Observes UserChanged change) {
        entries.values().removeIf(e -> e.tenant().equals(change.tenant())
                && (change.username() == null || e.username().equals(norm(change.username()))));
    }

    private String key(String tenant, String username, String password) {
        return HexFormat.of().formatHex(digests.digest(tenant, norm(username), password));
    }

    private static String norm(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
