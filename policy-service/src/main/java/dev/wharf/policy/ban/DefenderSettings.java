package dev.wharf.policy.ban;

import dev.wharf.policy.address.CidrList;

import java.time.Duration;

/**
 * When failed logins ban an address: {@code maxFailures} from one address (or on one user name) within
 * {@code window} ban the address for {@code banTime}, doubled for each earlier ban within {@code history}, at most
 * {@code maxBanTime}.
 *
 * @param history    how far back the shared log is replayed at start, and how long an earlier ban counts as an
 *                   offence; at least {@code maxBanTime} and {@code window}, so that a restart forgets nothing in force
 * @param maxTracked addresses (and user names) tracked at most; beyond that the least recently active are dropped,
 *                   so that a flood of spoofed sources cannot exhaust memory
 * @param exempt     addresses never counted nor banned (operators' ranges)
 */
public record DefenderSettings(int maxFailures, Duration window, Duration banTime, Duration maxBanTime,
                               Duration history, int maxTracked, CidrList exempt) {
    public DefenderSettings {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("max failures must be at least 1, was " + maxFailures);
        }
        if (!positive(window) || !positive(banTime) || !positive(maxBanTime) || !positive(history)) {
            throw new IllegalArgumentException("defender window, ban time, max ban time and history must be positive");
        }
        if (maxBanTime.compareTo(banTime) < 0) {
            throw new IllegalArgumentException("max ban time " + maxBanTime + " is shorter than ban time " + banTime);
        }
        if (history.compareTo(maxBanTime) < 0 || history.compareTo(window) < 0) {
            throw new IllegalArgumentException("defender history " + history + " must be at least the max ban time ("
                    + maxBanTime + ") and the window (" + window + "): a restarted replica would forget bans");
        }
        if (maxTracked < 1) {
            throw new IllegalArgumentException("max tracked must be at least 1, was " + maxTracked);
        }
        if (!exempt.invalid().isEmpty()) {
            throw new IllegalArgumentException("exempt ranges that are not addresses or CIDR ranges: "
                    + exempt.invalid());
        }
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    /** The length of the {@code offences}-th ban: the ban time doubled per earlier offence, capped. */
    public Duration banLength(int offences) {
        Duration d = banTime;
        for (int i = 1; i < offences && d.compareTo(maxBanTime) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBanTime) > 0 ? maxBanTime : d;
    }
}
