package dev.wharf.policy.ban;

import java.time.Instant;
import java.util.Optional;

/** Which addresses are banned now: what a connect decision asks, on the hot path (no remote call). */
public interface BanStore {
    /** The end of the ban on {@code address} (canonical form), if it is banned at {@code now}. */
    Optional<Instant> bannedUntil(String address, Instant now);

    /** How many addresses are banned at {@code now} (a gauge for operators). */
    int bannedCount(Instant now);
}
