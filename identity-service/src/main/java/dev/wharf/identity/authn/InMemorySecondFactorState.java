package dev.wharf.identity.authn;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SecondFactorState} in this replica's memory (with {@code wharf.state.enabled=false}, and the store inside
 * {@link SharedSecondFactorState}): alone, a login may reach a replica that has not
 * seen the earlier 2FA login (no grace there; a reused code is then answered {@code bad_credentials}). Bounded:
 * expired entries are swept on writes, and beyond {@value #MAX_ENTRIES} entries new ones are not remembered.
 */
public class InMemorySecondFactorState implements SecondFactorState {
    static final int MAX_ENTRIES = 100_000;

    private final Map<String, Instant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grace> graces = new ConcurrentHashMap<>();

    @Override
    public void codeAccepted(String tenant, String username, String code, Instant until) {
        sweep(Instant.now());
        if (codes.size() < MAX_ENTRIES) {
            codes.merge(key(tenant, username, code), until, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    @Override
    public boolean wasAccepted(String tenant, String username, String code, Instant now) {
        Instant until = codes.get(key(tenant, username, code));
        return until != null && now.isBefore(until);
    }

    @Override
    public void openGrace(String tenant, String username, String clientIp, Grace grace) {
        sweep(Instant.now());
        if (graces.size() < MAX_ENTRIES) {
            graces.put(key(tenant, username, clientIp), grace);
        }
    }

    @Override
    public Optional<Grace> grace(String tenant, String username, String clientIp, Instant now) {
        Grace g = graces.get(key(tenant, username, clientIp));
        return g != null && now.isBefore(g.until()) ? Optional.of(g) : Optional.empty();
    }

    @Override
    public void forget(String tenant, String username) {
        String prefix = tenant + '\0' + username + '\0';
        codes.keySet().removeIf(k -> k.startsWith(prefix));
        graces.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private void sweep(Instant now) {
        codes.values().removeIf(until -> !now.isBefore(until));
        graces.values().removeIf(g -> !now.isBefore(g.until()));
    }

    private static String key(String tenant, String username, String third) {
        return tenant + '\0' + username + '\0' + third;
    }
}
