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

    /** The shared brute-force defender ({@code wharf.policy.defender.*}). */
    Defender defender();

    /** Refresh of cached site settings on admin-change audit events ({@code wharf.policy.admin-events.*}). */
    AdminEvents adminEvents();

    /** When failed logins ban an address, on every replica. */
    interface Defender {
        /** Failed logins from one address (or on one user name) within {@link #window()} that ban the address. */
        @WithDefault("10")
        int maxFailures();

        /** The sliding window in which failures are counted. */
        @WithDefault("PT5M")
        Duration window();

        /** How long a first ban lasts; each further ban within {@link #history()} lasts twice as long. */
        @WithDefault("PT15M")
        Duration banTime();

        /** The longest ban, however often the address offends. */
        @WithDefault("PT24H")
        Duration maxBanTime();

        /**
         * How far back the shared log is replayed at start, and how long after its start an earlier ban counts as
         * an offence; at least {@link #maxBanTime()} (twice it by default, so that an address offending again right
         * after its longest ban keeps the longest ban).
         */
        @WithDefault("PT48H")
        Duration history();

        /** Operators' address ranges (CIDR), never counted nor banned, comma-separated; none by default. */
        Optional<List<String>> exemptCidrs();

        /** Addresses and user names tracked at most; the least recently active are forgotten first. */
        @WithDefault("100000")
        int maxTracked();

        /** The Kafka topic of the defender's shared log (created when missing, 1 partition). */
        @WithDefault("wharf.policy.defender")
        String topic();
    }

    /** Which audit events drop cached site settings. */
    interface AdminEvents {
        /** Whether ADMIN_CHANGE events on the audit topic drop the tenant's cached settings (else only the TTL). */
        @WithDefault("true")
        boolean enabled();
    }
}
