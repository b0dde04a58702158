package dev.wharf.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** policy-service settings ({@code wharf.policy.*}, or {@code WHARF_POLICY_*} in the environment). */
@ConfigMapping(prefix = "wharf.policy")
public interface PolicyConfig {
    /**
     * Tenants that allow unencrypted FTP whatever their realm attribute {@code wharf.ftp.plainAllowed} says,
     * comma-separated; none by default (an operator override).
     */
    Optional<List<String>> plainFtpAllowedTenants();

    /** Caching of the site settings read from Keycloak ({@code wharf.policy.site.*}). */
    Site site();

    /** The GeoIP country database ({@code wharf.policy.geoip.*}). */
    Geoip geoip();

    /** How long site settings are trusted. */
    interface Site {
        /** How long a tenant's settings are used before Keycloak is read again: the delay of an admin change. */
        @WithDefault("PT30S")
        Duration cacheTtl();

        /** How long beyond the TTL the last settings are used while Keycloak cannot be reached. */
        @WithDefault("PT5M")
        Duration maxStale();

        /** Tenants cached at most; the least recently read is dropped first. */
        @WithDefault("10000")
        int cacheMaxTenants();
    }

    /** Where the country database is. */
    interface Geoip {
        /** A MaxMind GeoIP2/GeoLite2 Country or City database (.mmdb); none by default (country rules then deny). */
        Optional<Path> database();

        /** How often the file is checked for a new version (replaced files are reloaded without a restart). */
        @WithDefault("PT30S")
        Duration checkInterval();
    }

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
