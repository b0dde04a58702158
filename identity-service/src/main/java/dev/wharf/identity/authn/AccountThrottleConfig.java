package dev.wharf.identity.authn;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The per-account throttle ({@code wharf.identity.account-throttle.*}, {@code WHARF_IDENTITY_ACCOUNT_THROTTLE_*}). */
@ConfigMapping(prefix = "wharf.identity.account-throttle")
public interface AccountThrottleConfig {
    /**
     * Failed logins (wrong password or code) of one account, from any addresses, within one minute after which
     * further attempts from addresses the user has not logged in from are refused until the minute is over;
     * 0 turns the throttle off.
     */
    @WithDefault("10")
    int failuresPerMinute();

    /** How long an address the user logged in from stays known (and exempt from the throttle). */
    @WithDefault("P30D")
    Duration knownAddressTtl();

    /** At most this many accounts are tracked (failures, and known addresses each); beyond it new ones are not. */
    @WithDefault("100000")
    int maxAccounts();
}
