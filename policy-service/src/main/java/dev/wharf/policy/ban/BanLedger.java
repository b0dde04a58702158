package dev.wharf.policy.ban;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The bans that follow from the defender's events. Deterministic: it uses the events' own times, and its memory
 * bound drops entries in event order (never in the order of local reads), so every replica that applied the same
 * events holds the same bans. Thread-safe; each event costs O(failures of one address or user), at most
 * {@code maxFailures}.
 */
public final class BanLedger implements BanStore {
    private static final int EVICTION_SCAN = 16;
    private final DefenderSettings settings;
    // insertion-ordered; an entry is moved to the end when an event touches it, so the eldest is the least active
    private final LinkedHashMap<String, AddressRecord> addresses = new LinkedHashMap<>();
    private final LinkedHashMap<String, Deque<Instant>> users = new LinkedHashMap<>();

    public BanLedger(DefenderSettings settings) {
        this.settings = settings;
    }

    /** Applies one event; answers the ban it caused, if any. */
    public synchronized Optional<Ban> apply(DefenderEvent e) {
        if (e == null || e.kind() == null || e.clientIp() == null || e.at() == null) {
            return Optional.empty();
        }
        return switch (e.kind()) {
            case FAILURE -> failure(e);
            case LIFT -> {
                lift(e.clientIp());
                yield Optional.empty();
            }
        };
    }

    /** Lifts every ban on the address and forgets its failures and offences; answers whether one was in force. */
    public synchronized boolean lift(String address, Instant now) {
        AddressRecord r = addresses.get(address);
        boolean inForce = r != null && r.ban != null && now.isBefore(r.ban.until());
        lift(address);
        return inForce;
    }

    private void lift(String address) {
        addresses.remove(address);
    }

    private Optional<Ban> failure(DefenderEvent e) {
        Instant at = e.at();
        AddressRecord a = touchAddress(e.clientIp(), at);
        if (a.ban != null && at.isBefore(a.ban.until())) {
            // a failure still reaching us during a ban (a login that was under way): nothing to add
            return Optional.empty();
        }
        prune(a.failures, at);
        a.failures.addLast(at);
        String reason = null;
        if (a.failures.size() >= settings.maxFailures()) {
            reason = Ban.ADDRESS_FAILURES;
        }
        String userKey = userKey(e.tenant(), e.username());
        if (userKey != null) {
            Deque<Instant> u = touch(users, userKey, ArrayDeque::new);
            prune(u, at);
            u.addLast(at);
            if (reason == null && u.size() >= settings.maxFailures()) {
                // a user name under attack from many addresses: each further failing address is banned
                reason = Ban.USER_FAILURES;
            }
        }
        if (reason == null) {
            return Optional.empty();
        }
        boolean repeat = a.lastBan != null && at.isBefore(a.lastBan.plus(settings.history()));
        a.offences = repeat ? a.offences + 1 : 1;
        a.lastBan = at;
        a.failures.clear();
        a.ban = new Ban(e.clientIp(), e.username(), e.tenant(), reason, at,
                at.plus(settings.banLength(a.offences)), a.offences);
        return Optional.of(a.ban);
    }

    @Override
    public synchronized Optional<Instant> bannedUntil(String address, Instant now) {
        AddressRecord r = addresses.get(address);
        if (r == null || r.ban == null || !now.isBefore(r.ban.until())) {
            return Optional.empty();
        }
        return Optional.of(r.ban.until());
    }

    @Override
    public synchronized int bannedCount(Instant now) {
        int n = 0;
        for (AddressRecord r : addresses.values()) {
            if (r.ban != null && now.isBefore(r.ban.until())) {
                n++;
            }
        }
        return n;
    }

    /** The bans in force at {@code now}, earliest first. */
    public synchronized List<Ban> bans(Instant now) {
        List<Ban> out = new ArrayList<>();
        for (AddressRecord r : addresses.values()) {
            if (r.ban != null && now.isBefore(r.ban.until())) {
                out.add(r.ban);
            }
        }
        out.sort(Comparator.comparing(Ban::since).thenComparing(Ban::clientIp));
        return out;
    }

    /** Like {@link #touch}, but when full it drops an address without a ban in force, if one is among the eldest. */
    private AddressRecord touchAddress(String address, Instant at) {
        AddressRecord r = addresses.remove(address);
        if (r == null) {
            r = new AddressRecord();
            if (addresses.size() >= settings.maxTracked()) {
                evictAddress(at);
            }
        }
        addresses.put(address, r);
        return r;
    }

    private void evictAddress(Instant at) {
        // a bounded look at the eldest: a flood of bans must not make every event scan the whole map
        Iterator<AddressRecord> it = addresses.values().iterator();
        for (int i = 0; i < EVICTION_SCAN && it.hasNext(); i++) {
            AddressRecord candidate = it.next();
            if (candidate.ban == null || !at.isBefore(candidate.ban.until())) {
                it.remove();
                return;
            }
        }
        Iterator<AddressRecord> eldest = addresses.values().iterator();
        eldest.next();
        eldest.remove();
    }

    private <V> V touch(LinkedHashMap<String, V> map, String key, java.util.function.Supplier<V> fresh) {
        V v = map.remove(key);
        if (v == null) {
            v = fresh.get();
            if (map.size() >= settings.maxTracked()) {
                Iterator<Map.Entry<String, V>> eldest = map.entrySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        map.put(key, v);
        return v;
    }

    private void prune(Deque<Instant> failures, Instant at) {
        Instant oldest = at.minus(settings.window());
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(oldest)) {
            failures.removeFirst();
        }
        // bounded: only the last maxFailures matter
        while (failures.size() >= settings.maxFailures()) {
            failures.removeFirst();
        }
    }

    private static String userKey(String tenant, String username) {
        if (tenant == null || tenant.isBlank() || username == null || username.isBlank()) {
            return null;
        }
        return tenant.toLowerCase(Locale.ROOT) + "/" + username.toLowerCase(Locale.ROOT);
    }

    private static final class AddressRecord {
        final Deque<Instant> failures = new ArrayDeque<>();
        Ban ban;
        Instant lastBan;
        int offences;
    }
}
