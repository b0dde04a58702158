package dev.wharf.identity.authn;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows guessing of one account's password from many addresses (issue 11, must-have 5): at most
 * {@link AccountThrottleConfig#failuresPerMinute()} failures per account per minute, after which attempts are
 * refused until the minute is over, except from an address the user has logged in from successfully before. Keyed
 * by tenant and user name whether the user exists or not, so being throttled reveals nothing. Per replica.
 */
@ApplicationScoped
public class AccountThrottle {
    /** The throttle's window: fixed, so that the reply can say "in a minute" truthfully. */
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Known addresses kept per account: the most recent ones. */
    static final int MAX_ADDRESSES = 16;

    private record Window(Instant start, int failures) {
    }

    private final Map<String, Window> failures = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Instant>> known = new ConcurrentHashMap<>();
    private final int cap;
    private final Duration knownTtl;
    private final int maxAccounts;

    @Inject
    public AccountThrottle(AccountThrottleConfig config) {
        this.cap = config.failuresPerMinute();
        this.knownTtl = config.knownAddressTtl();
        this.maxAccounts = config.maxAccounts();
    }

    /** When an attempt from {@code clientIp} is refused: the instant it may try again; empty when it may now. */
    public Optional<Instant> throttledUntil(String tenant, String username, String clientIp, Instant now) {
        if (cap <= 0) {
            return Optional.empty();
        }
        String key = key(tenant, username);
        Window w = failures.get(key);
        if (w == null || w.failures() < cap || !now.isBefore(w.start().plus(WINDOW)) || isKnown(key, clientIp, now)) {
            return Optional.empty();
        }
        return Optional.of(w.start().plus(WINDOW));
    }

    /** A wrong password or code for this account. */
    public void failed(String tenant, String username, Instant now) {
        if (cap <= 0) {
            return;
        }
        String key = key(tenant, username);
        if (!failures.containsKey(key) && failures.size() >= maxAccounts) {
            failures.values().removeIf(w -> !now.isBefore(w.start().plus(WINDOW)));
            if (failures.size() >= maxAccounts) {
                return;
            }
        }
        failures.compute(key, (k, w) -> w == null || !now.isBefore(w.start().plus(WINDOW))
                ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
    }

    /** A login with the right password from {@code clientIp}: that address is known from now on. */
    public void succeeded(String tenant, String username, String clientIp, Instant now) {
        if (cap <= 0 || clientIp == null || clientIp.isBlank()) {
            return;
        }
        String key = key(tenant, username);
        if (!known.containsKey(key) && known.size() >= maxAccounts) {
            known.values().removeIf(m -> {
                synchronized (m) {
                    return m.values().stream().noneMatch(t -> now.isBefore(t.plus(knownTtl)));
                }
            });
            if (known.size() >= maxAccounts) {
                return;
            }
        }
        Map<String, Instant> addresses = known.computeIfAbsent(key, k -> new LinkedHashMap<>(8, 0.75f, true));
        synchronized (addresses) {
            addresses.put(clientIp, now);
            while (addresses.size() > MAX_ADDRESSES) {
                addresses.remove(addresses.keySet().iterator().next());
            }
        }
    }

    private boolean isKnown(String key, String clientIp, Instant now) {
        Map<String, Instant> addresses = known.get(key);
        if (addresses == null || clientIp == null) {
            return false;
        }
        synchronized (addresses) {
            Instant last = addresses.get(clientIp);
            return last != null && now.isBefore(last.plus(knownTtl));
        }
    }

    private static String key(String tenant, String username) {
        return tenant + "\u0000" + username.toLowerCase(Locale.ROOT);
    }
}
