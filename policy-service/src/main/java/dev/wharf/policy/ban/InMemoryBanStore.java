package dev.wharf.policy.ban;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failures per address in a sliding window, in this process only. Thread-safe; every operation is
 * O(failures of one address), bounded by {@link BanSettings#maxFailures()}.
 */
public final class InMemoryBanStore implements BanStore {
    private final BanSettings settings;
    // Access-ordered so that the least recently touched address is evicted first when the map is full.
    private final LinkedHashMap<String, Record> entries;

    public InMemoryBanStore(BanSettings settings) {
        this.settings = settings;
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
                return size() > settings.maxTracked();
            }
        };
    }

    @Override
    public synchronized Optional<Instant> bannedUntil(String address, Instant now) {
        Record e = entries.get(address);
        if (e == null || e.bannedUntil == null) {
            return Optional.empty();
        }
        if (!now.isBefore(e.bannedUntil)) {
            e.bannedUntil = null;
            return Optional.empty();
        }
        return Optional.of(e.bannedUntil);
    }

    @Override
    public synchronized Optional<Instant> recordFailure(String address, Instant now) {
        Record e = entries.computeIfAbsent(address, a -> new Record());
        Instant oldest = now.minus(settings.window());
        while (!e.failures.isEmpty() && !e.failures.peekFirst().isAfter(oldest)) {
            e.failures.removeFirst();
        }
        e.failures.addLast(now);
        if (e.failures.size() < settings.maxFailures()) {
            return Optional.empty();
        }
        // The address starts over after its ban: old failures do not re-ban it at the first new one.
        e.failures.clear();
        e.bannedUntil = now.plus(settings.duration());
        return Optional.of(e.bannedUntil);
    }

    @Override
    public synchronized int bannedCount(Instant now) {
        int n = 0;
        Iterator<Record> it = entries.values().iterator();
        while (it.hasNext()) {
            Record e = it.next();
            if (e.bannedUntil != null && now.isBefore(e.bannedUntil)) {
                n++;
            }
        }
        return n;
    }

    private static final class Record {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant bannedUntil;
    }
}
