package dev.wharf.policy.geo;

import dev.wharf.policy.address.IpAddresses;
import dev.wharf.policy.testing.GeoLiteDatabase;
import dev.wharf.policy.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeoIpCountriesTest {
    private static final Duration CHECK = Duration.ofSeconds(30);
    private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    private static Optional<String> country(CountryLookup lookup, String ip) {
        return lookup.country(IpAddresses.parseAddress(ip));
    }

    @Test
    void resolvesIpv4Ipv6AndMappedAddresses() throws Exception {
        try (GeoIpCountries geo = new GeoIpCountries(GeoLiteDatabase.country(dir.resolve("c.mmdb")), CHECK, clock)) {
            assertTrue(geo.loaded());
            assertEquals(Optional.of("US"), country(geo, "8.8.8.8"));
            assertEquals(Optional.of("GB"), country(geo, "81.2.69.142"));
            assertEquals(Optional.of("GB"), country(geo, "::ffff:81.2.69.142"));
            assertEquals(Optional.of("US"), country(geo, "2001:4860:4860::8888"));
        }
    }

    @Test
    void privateAndLoopbackAddressesHaveNoCountry() throws Exception {
        try (GeoIpCountries geo = new GeoIpCountries(GeoLiteDatabase.country(dir.resolve("c.mmdb")), CHECK, clock)) {
            assertEquals(Optional.empty(), country(geo, "10.1.2.3"));
            assertEquals(Optional.empty(), country(geo, "127.0.0.1"));
            assertEquals(Optional.empty(), country(geo, "::1"));
        }
    }

    @Test
    void aMissingFileLoadsOnceItAppearsAfterTheCheckInterval() throws Exception {
        Path file = dir.resolve("later.mmdb");
        try (GeoIpCountries geo = new GeoIpCountries(file, CHECK, clock)) {
            assertFalse(geo.loaded());
            assertEquals(Optional.empty(), country(geo, "8.8.8.8"));
            GeoLiteDatabase.country(file);
            assertFalse(geo.loaded(), "not checked again before the interval is over");
            clock.advance(CHECK);
            assertTrue(geo.loaded());
            assertEquals(Optional.of("US"), country(geo, "8.8.8.8"));
        }
    }

    @Test
    void aDatabaseWithoutCountriesIsRefusedAndAReplacementWithCountriesIsLoaded() throws Exception {
        Path file = GeoLiteDatabase.asn(dir.resolve("db.mmdb"));
        try (GeoIpCountries geo = new GeoIpCountries(file, CHECK, clock)) {
            assertFalse(geo.loaded(), "an ASN database has no countries");
            GeoLiteDatabase.country(file);
            clock.advance(CHECK);
            assertTrue(geo.loaded());
            assertEquals(Optional.of("GB"), country(geo, "81.2.69.142"));
        }
    }

    @Test
    void aBrokenReplacementKeepsTheDatabaseLoadedBefore() throws Exception {
        Path file = GeoLiteDatabase.country(dir.resolve("db.mmdb"));
        try (GeoIpCountries geo = new GeoIpCountries(file, CHECK, clock)) {
            assertTrue(geo.loaded());
            GeoLiteDatabase.asn(file);
            clock.advance(CHECK);
            assertTrue(geo.loaded());
            assertEquals(Optional.of("US"), country(geo, "8.8.8.8"));
        }
    }

    @Test
    void withoutADatabaseNothingIsLoadedAndNoCountryIsKnown() {
        assertFalse(CountryLookup.NONE.loaded());
        assertEquals(Optional.empty(), country(CountryLookup.NONE, "8.8.8.8"));
    }

    @Test
    void readsTheCountryDatabaseInsideAJar() throws Exception {
        Path jar = dir.resolve("geolite2-databases.jar");
        try (var out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.zip.ZipEntry("GeoLite2-ASN.mmdb"));
            out.write(java.nio.file.Files.readAllBytes(GeoLiteDatabase.asn(dir.resolve("a.mmdb"))));
            out.putNextEntry(new java.util.zip.ZipEntry("GeoLite2-Country.mmdb"));
            out.write(java.nio.file.Files.readAllBytes(GeoLiteDatabase.country(dir.resolve("c.mmdb"))));
        }
        try (GeoIpCountries geo = new GeoIpCountries(jar, CHECK, clock)) {
            assertTrue(geo.loaded());
            assertEquals(Optional.of("GB"), country(geo, "81.2.69.142"));
        }
    }
}
