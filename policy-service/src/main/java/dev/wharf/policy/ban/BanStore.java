package dev.wharf.policy.ban;

import java.time.Instant;
import java.util.Optional;

/**
 * Failed-login counts and bans per client address. In-process for now; a shared store (Kafka) is another
 * implementation of this interface, so every policy-service replica sees the same bans.
 */
public interface BanStore {
    /** The end of the ban on {@code address}, if it is banned at {@code now}. */
    Optional<Instant> bannedUntil(String address, Instant now);

    /** Counts one failed login; answers the end of the ban when this failure caused (or extends) one. */
    Optional<Instant> recordFailure(String address, Instant now);

    /** How many addresses are banned at {@code now} (a gauge for operators). */
    int bannedCount(Instant now);
}
