package dev.wharf.api.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers of the host-name lookup, found or not, kept for a short time: every login of a custom-domain user needs
 * one, and host names change rarely (a site setting). Bounded: when full, the cache starts over.
 */
final class HostnameCache {
    private record Entry(Optional<String> tenant, Instant until) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;

    HostnameCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    Optional<String> get(String host, Function<String, Optional<String>> lookup) {
        Instant now = clock.instant();
        Entry e = entries.get(host);
        if (e != null && now.isBefore(e.until())) {
            return e.tenant();
        }
        Optional<String> tenant = lookup.apply(host);
        if (entries.size() >= maxEntries) {
            entries.clear(); // a flood of made-up names must not grow memory; real names are looked up again
        }
        entries.put(host, new Entry(tenant, now.plus(ttl)));
        return tenant;
    }
}
