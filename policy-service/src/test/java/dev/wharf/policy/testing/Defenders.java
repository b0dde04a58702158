package dev.wharf.policy.testing;

import dev.wharf.policy.address.CidrList;
import dev.wharf.policy.ban.Defender;
import dev.wharf.policy.ban.DefenderSettings;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Defenders for plain tests: 3 failures in 10 min ban for 15 min (doubling up to 24 h; history 48 h). */
public final class Defenders {
    private Defenders() {
    }

    public static DefenderSettings settings(String... exempt) {
        return new DefenderSettings(3, Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofHours(24),
                Duration.ofHours(48), 1000, CidrList.of(List.of(exempt)));
    }

    /** A defender of one replica whose events apply at once. */
    public static Defender local(Clock clock, String... exempt) {
        return Defender.local(settings(exempt), clock);
    }
}
