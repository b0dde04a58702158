package dev.wharf.policy.ban;

import java.time.Duration;

/**
 * When an address gets banned: {@code maxFailures} failed logins within {@code window} ban it for {@code duration}.
 *
 * @param maxTracked addresses tracked at most; beyond that the oldest records are dropped, so a flood of spoofed
 *                   sources cannot exhaust memory
 */
public record BanSettings(int maxFailures, Duration window, Duration duration, int maxTracked) {
    public BanSettings {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("max failures must be at least 1, was " + maxFailures);
        }
        if (window.isNegative() || window.isZero() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("ban window and duration must be positive");
        }
        if (maxTracked < 1) {
            throw new IllegalArgumentException("max tracked addresses must be at least 1, was " + maxTracked);
        }
    }
}
