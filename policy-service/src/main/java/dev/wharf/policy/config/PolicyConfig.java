package dev.wharf.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** policy-service settings ({@code wharf.policy.*}, or {@code WHARF_POLICY_*} in the environment). */
@ConfigMapping(prefix = "wharf.policy")
public interface PolicyConfig {
    /** Tenants that allow unencrypted FTP, comma-separated; none by default (a later issue reads this from Keycloak). */
    Optional<List<String>> plainFtpAllowedTenants();

    /** Banning of addresses that keep failing to log in. */
    Ban ban();

    /** When failed logins ban an address ({@code wharf.policy.ban.*}). */
    interface Ban {
        /** Failed logins from one address within {@link #window()} that ban it. */
        @WithDefault("10")
        int maxFailures();

        /** The sliding window in which failures are counted. */
        @WithDefault("PT10M")
        Duration window();

        /** How long a ban lasts. */
        @WithDefault("PT15M")
        Duration duration();

        /** Addresses tracked at most; the least recently seen are forgotten first. */
        @WithDefault("100000")
        int maxTrackedAddresses();

        /** Address ranges (CIDR) never banned, comma-separated, e.g. monitoring probes; none by default. */
        Optional<List<String>> exempt();
    }
}
