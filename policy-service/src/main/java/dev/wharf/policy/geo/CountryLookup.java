package dev.wharf.policy.geo;

import inet.ipaddr.IPAddress;

import java.util.Optional;

/** The country of a client address, from a GeoIP database. */
public interface CountryLookup {
    /** Whether a database is loaded; without one every lookup is empty. */
    boolean loaded();

    /** The ISO 3166-1 alpha-2 code (upper case) of the address's country; empty when unknown. */
    Optional<String> country(IPAddress address);

    /** No database configured: every country is unknown. */
    CountryLookup NONE = new CountryLookup() {
        @Override
        public boolean loaded() {
            return false;
        }

        @Override
        public Optional<String> country(IPAddress address) {
            return Optional.empty();
        }
    };
}
