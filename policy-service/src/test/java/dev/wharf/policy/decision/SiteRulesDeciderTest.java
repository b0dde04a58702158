package dev.wharf.policy.decision;

import dev.wharf.tenancy.RealmAttributes;
import dev.wharf.core.Reason;
import dev.wharf.core.identity.Principal;
import dev.wharf.core.policy.Decision;
import dev.wharf.core.session.Protocol;
import dev.wharf.policy.address.CidrList;
import dev.wharf.policy.testing.Defenders;
import dev.wharf.policy.geo.CountryLookup;
import dev.wharf.policy.geo.GeoIpCountries;
import dev.wharf.policy.site.SiteRules;
import dev.wharf.policy.testing.GeoLiteDatabase;
import dev.wharf.policy.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Site rules (ranges, countries, plain FTP) with the real GeoLite2 Country database. */
class SiteRulesDeciderTest {
    private static final Decision NOT_ALLOWED = Decision.deny(Reason.ADDRESS_NOT_ALLOWED);
    private static final Decision COUNTRY_NOT_ALLOWED = Decision.deny(Reason.COUNTRY_NOT_ALLOWED);
    private static final Decision COUNTRY_UNKNOWN = Decision.deny(Reason.COUNTRY_UNKNOWN);

    private static Path dir;
    private static GeoIpCountries geo;

    private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final Map<String, SiteRules> sites = Map.of(
            "ranges", site(Map.of(RealmAttributes.ALLOWED_CIDRS, "203.0.113.0/24, 2001:db8:1::/48")),
            "uk", site(Map.of(RealmAttributes.ALLOWED_COUNTRIES, "gb")),
            "notus", site(Map.of(RealmAttributes.DENIED_COUNTRIES, "US")),
            "both", site(Map.of(RealmAttributes.ALLOWED_CIDRS, "8.8.8.0/24", RealmAttributes.DENIED_COUNTRIES, "US")),
            "broken", site(Map.of(RealmAttributes.ALLOWED_CIDRS, "not-a-range")),
            "plain", site(Map.of(RealmAttributes.PLAIN_FTP, "true")),
            "active", site(Map.of(RealmAttributes.PLAIN_FTP, "true", RealmAttributes.ACTIVE_FTP, "true")),
            "groups", site(Map.of(RealmAttributes.PROTOCOLS_PER_GROUP, "true"))
                    .withGroupProtocols(Map.of("sftp-users", "sftp", "tls-ftp", "FTPS", "empty", "")));

    @BeforeAll
    static void database() throws Exception {
        dir = Files.createTempDirectory("geo");
        geo = new GeoIpCountries(GeoLiteDatabase.country(dir.resolve("c.mmdb")), Duration.ofMinutes(1),
                java.time.Clock.systemUTC());
    }

    @AfterAll
    static void close() throws Exception {
        geo.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static SiteRules site(Map<String, String> attributes) {
        return SiteRules.fromAttributes(attributes);
    }

    private PolicyDecider decider(CountryLookup countries) {
        return new PolicyDecider(Defenders.local(clock), Set.of(), t -> sites.getOrDefault(t, SiteRules.NONE),
                countries, clock);
    }

    private static Principal user(String tenant, List<String> cidrs) {
        return new Principal(tenant, "alice", "id-1", List.of(), "/alice", List.of(), cidrs);
    }

    @Test
    void siteRangesApplyAtConnectOnceTheTenantIsKnown() {
        PolicyDecider d = decider(geo);
        assertEquals(Decision.ALLOW, d.connect("203.0.113.7", "ranges", Protocol.SFTP));
        assertEquals(NOT_ALLOWED, d.connect("198.51.100.7", "ranges", Protocol.SFTP));
        assertEquals(Decision.ALLOW, d.connect("198.51.100.7", null, Protocol.SFTP), "no tenant yet: no site rules");
        assertEquals(Decision.ALLOW, d.connect("198.51.100.7", "other", Protocol.SFTP));
    }

    @Test
    void siteRangesCoverIpv6AndIpv4MappedAddresses() {
        PolicyDecider d = decider(geo);
        assertEquals(Decision.ALLOW, d.connect("2001:db8:1:ff::9", "ranges", Protocol.SFTP));
        assertEquals(NOT_ALLOWED, d.connect("2001:db8:2::9", "ranges", Protocol.SFTP));
        assertEquals(Decision.ALLOW, d.connect("::ffff:203.0.113.7", "ranges", Protocol.FTPS));
        assertEquals(NOT_ALLOWED, d.connect("::ffff:198.51.100.7", "ranges", Protocol.FTPS));
    }

    @Test
    void siteRangesApplyAgainAtLoginAndTheUsersRangesMustMatchToo() {
        PolicyDecider d = decider(geo);
        assertEquals(NOT_ALLOWED, d.login(user("ranges", List.of()), Protocol.SFTP, "198.51.100.7", true));
        assertEquals(Decision.ALLOW, d.login(user("ranges", List.of()), Protocol.SFTP, "203.0.113.7", true));
        assertEquals(Decision.ALLOW,
                d.login(user("ranges", List.of("203.0.113.0/28")), Protocol.SFTP, "203.0.113.7", true));
        assertEquals(NOT_ALLOWED,
                d.login(user("ranges", List.of("203.0.113.0/28")), Protocol.SFTP, "203.0.113.77", true),
                "inside the site's range, outside the user's");
        assertEquals(NOT_ALLOWED,
                d.login(user("ranges", List.of("198.51.100.0/24")), Protocol.SFTP, "198.51.100.7", true),
                "inside the user's range, outside the site's");
    }

    @Test
    void aSiteWithOnlyInvalidRangesRefusesEveryone() {
        assertEquals(NOT_ALLOWED, decider(geo).connect("203.0.113.7", "broken", Protocol.SFTP));
    }

    @Test
    void allowedCountriesLetOnlyThoseIn() {
        PolicyDecider d = decider(geo);
        assertEquals(Decision.ALLOW, d.connect("81.2.69.142", "uk", Protocol.SFTP));
        assertEquals(Decision.ALLOW, d.connect("::ffff:81.2.69.142", "uk", Protocol.SFTP));
        assertEquals(COUNTRY_NOT_ALLOWED, d.connect("8.8.8.8", "uk", Protocol.SFTP));
        assertEquals(COUNTRY_NOT_ALLOWED, d.connect("2001:4860:4860::8888", "uk", Protocol.SFTP));
        assertEquals(COUNTRY_NOT_ALLOWED, d.login(user("uk", List.of()), Protocol.SFTP, "8.8.8.8", true));
    }

    @Test
    void deniedCountriesKeepThoseOut() {
        PolicyDecider d = decider(geo);
        assertEquals(COUNTRY_NOT_ALLOWED, d.connect("8.8.8.8", "notus", Protocol.FTPS));
        assertEquals(Decision.ALLOW, d.connect("81.2.69.142", "notus", Protocol.FTPS));
    }

    @Test
    void rangesAndCountriesMustBothBeSatisfied() {
        PolicyDecider d = decider(geo);
        assertEquals(NOT_ALLOWED, d.connect("81.2.69.142", "both", Protocol.SFTP));
        assertEquals(COUNTRY_NOT_ALLOWED, d.connect("8.8.8.8", "both", Protocol.SFTP));
    }

    @Test
    void anAddressWithoutACountryIsRefusedWhereCountriesAreRuled() {
        PolicyDecider d = decider(geo);
        assertEquals(COUNTRY_UNKNOWN, d.connect("10.0.0.1", "uk", Protocol.SFTP));
        assertEquals(COUNTRY_UNKNOWN, d.connect("10.0.0.1", "notus", Protocol.SFTP));
        assertEquals(Decision.ALLOW, d.connect("10.0.0.1", "other", Protocol.SFTP), "no country rules, no lookup");
    }

    @Test
    void withoutADatabaseCountryRulesRefuseEveryone() {
        PolicyDecider d = decider(CountryLookup.NONE);
        assertEquals(COUNTRY_UNKNOWN, d.connect("81.2.69.142", "uk", Protocol.SFTP));
        assertEquals(COUNTRY_UNKNOWN, d.login(user("notus", List.of()), Protocol.SFTP, "81.2.69.142", true));
        assertEquals(Decision.ALLOW, d.connect("81.2.69.142", "other", Protocol.SFTP));
    }

    @Test
    void plainFtpFollowsTheSiteSetting() {
        PolicyDecider d = decider(geo);
        assertEquals(Decision.ALLOW, d.login(user("plain", List.of()), Protocol.FTP, "203.0.113.7", false));
        assertEquals(Decision.deny(Reason.ENCRYPTION_REQUIRED),
                d.login(user("other", List.of()), Protocol.FTP, "203.0.113.7", false));
    }

    @Test
    void anAllowedFtpLoginCarriesTheSitesActiveModeSetting() {
        PolicyDecider d = decider(geo);
        Decision ftp = d.login(user("active", List.of()), Protocol.FTP, "203.0.113.7", false);
        assertEquals(new Decision(true, Reason.OK, true), ftp);
        assertEquals(Decision.allow(true), d.login(user("active", List.of()), Protocol.FTPS, "203.0.113.7", true));
        assertEquals(Decision.ALLOW, d.login(user("active", List.of()), Protocol.SFTP, "203.0.113.7", true),
                "active mode means nothing to SFTP");
        assertEquals(Decision.ALLOW, d.login(user("plain", List.of()), Protocol.FTP, "203.0.113.7", false),
                "off by default");
        assertEquals(Decision.deny(Reason.ADDRESS_NOT_ALLOWED), d.login(user("active", List.of("10.0.0.0/8")),
                Protocol.FTP, "203.0.113.7", false), "a refusal carries no setting");
    }

    private static Principal member(List<String> groups, List<String> protocols) {
        return new Principal("groups", "bob", "id-2", groups, "/bob", protocols, List.of());
    }

    @Test
    void withPerGroupControlAGroupMustGrantTheProtocol() {
        PolicyDecider d = decider(geo);
        Decision notAllowed = Decision.deny(Reason.PROTOCOL_NOT_ALLOWED);
        assertEquals(Decision.ALLOW, d.login(member(List.of("sftp-users"), List.of()), Protocol.SFTP, "203.0.113.7", true));
        assertEquals(Decision.ALLOW,
                d.login(member(List.of("empty", "tls-ftp"), List.of()), Protocol.FTPS, "203.0.113.7", true));
        assertEquals(Decision.ALLOW, d.login(member(List.of("tls-ftp"), List.of()), Protocol.FTP, "203.0.113.7", true),
                "FTP after AUTH TLS is FTPS");
        assertEquals(notAllowed, d.login(member(List.of("sftp-users"), List.of()), Protocol.FTPS, "203.0.113.7", true));
        assertEquals(notAllowed, d.login(member(List.of(), List.of()), Protocol.SFTP, "203.0.113.7", true),
                "no group, no protocol");
        assertEquals(notAllowed, d.login(member(List.of("unknown"), List.of("sftp")), Protocol.SFTP, "203.0.113.7",
                true), "the user's own list does not replace a group's grant");
        assertEquals(Decision.deny(Reason.ENCRYPTION_REQUIRED),
                d.login(member(List.of("tls-ftp"), List.of()), Protocol.FTP, "203.0.113.7", false));
        assertEquals(notAllowed, d.login(member(List.of("sftp-users"), List.of("ftps")), Protocol.SFTP,
                "203.0.113.7", true), "the user's own list still narrows the groups' grants");
    }

    @Test
    void withoutPerGroupControlGroupsDoNotMatter() {
        assertEquals(Decision.ALLOW,
                decider(geo).login(user("plain", List.of()), Protocol.SFTP, "203.0.113.7", true));
    }
}
