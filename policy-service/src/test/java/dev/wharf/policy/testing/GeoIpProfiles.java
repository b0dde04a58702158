package dev.wharf.policy.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Test profiles with a GeoIP database configured: a real one, or a path where there is none. */
public final class GeoIpProfiles {
    private GeoIpProfiles() {
    }

    /** A copy of the real GeoLite2 Country database. */
    public static final class WithDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wharf.policy.geoip.database", GeoLiteDatabase.countryInTempDir().toString());
        }
    }

    /** A configured database file that does not exist. */
    public static final class MissingDatabase implements QuarkusTestProfile {
        /** The configured path, under target/ so that nothing outside the build is touched. */
        public static final String PATH = System.getProperty("user.dir") + "/target/no-such-dir/GeoLite2-Country.mmdb";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wharf.policy.geoip.database", PATH);
        }
    }
}
