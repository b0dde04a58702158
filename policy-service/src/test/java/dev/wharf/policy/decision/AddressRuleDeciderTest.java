package dev.wharf.policy.decision;

import dev.wharf.core.Reason;
import dev.wharf.core.identity.Principal;
import dev.wharf.core.policy.Decision;
import dev.wharf.core.session.Protocol;
import dev.wharf.policy.geo.CountryLookup;
import dev.wharf.policy.site.SiteRules;
import dev.wharf.policy.testing.Defenders;
import dev.wharf.policy.testing.TestClock;
import dev.wharf.tenancy.RealmAttributes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The site's address rule (both / either), the ranges of a user's groups and the site-wide protocol switches
 * (issue 14, "the seed's address rules, exactly").
 */
class AddressRuleDeciderTest {
    private static final Decision NOT_ALLOWED = Decision.deny(Reason.ADDRESS_NOT_ALLOWED);
    private static final Decision DISABLED = Decision.deny(Reason.PROTOCOL_DISABLED);
    private static final String OFFICE = "203.0.113.7";
    private static final String HOME = "198.51.100.9";
    private static final String ELSEWHERE = "192.0.2.50";

    private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final Map<String, SiteRules> sites = Map.of(
            "strict", site(Map.of(RealmAttributes.ALLOWED_CIDRS, "203.0.113.0/24")),
            "either", site(Map.of(RealmAttributes.ALLOWED_CIDRS, "203.0.113.0/24",
                    RealmAttributes.ADDRESS_RULE, "either")).withGroupCidrs(Map.of("partners", "198.51.100.0/24")),
            "either-no-site-list", site(Map.of(RealmAttributes.ADDRESS_RULE, "either")),
            "groups", site(Map.of()).withGroupCidrs(Map.of("partners", "198.51.100.0/24", "auditors",
                    "192.0.2.0/24", "nobody", "")),
            "no-ftp", site(Map.of(RealmAttributes.DISABLED_PROTOCOLS, "ftp,ftps")),
            "no-sftp", site(Map.of(RealmAttributes.DISABLED_PROTOCOLS, "sftp")),
            "no-plain", site(Map.of(RealmAttributes.DISABLED_PROTOCOLS, "ftp", RealmAttributes.PLAIN_FTP, "true")));

    private static SiteRules site(Map<String, String> attributes) {
        return SiteRules.fromAttributes(attributes);
    }

    private PolicyDecider decider() {
        return new PolicyDecider(Defenders.local(clock), Set.of(), t -> sites.getOrDefault(t, SiteRules.NONE),
                CountryLookup.NONE, clock);
    }

    private static Principal user(String tenant, List<String> groups, List<String> cidrs) {
        return new Principal(tenant, "alice", "id-1", groups, "/alice", List.of(), cidrs);
    }

    private Decision login(String tenant, List<String> groups, List<String> cidrs, String ip) {
        return decider().login(user(tenant, groups, cidrs), Protocol.SFTP, ip, true);
    }

    @Test
    void bothIsTheDefaultAndEachListThatIsSetMustAdmit() {
        assertEquals(NOT_ALLOWED, decider().connect(HOME, "strict", Protocol.SFTP), "refused before the password");
        assertEquals(Decision.ALLOW, login("strict", List.of(), List.of(), OFFICE));
        assertEquals(NOT_ALLOWED, login("strict", List.of(), List.of("198.51.100.0/24"), HOME),
                "the user's own range does not widen the site's");
        assertEquals(NOT_ALLOWED, login("strict", List.of(), List.of("198.51.100.0/24"), OFFICE),
                "and it narrows it");
    }

    @Test
    void eitherAdmitsAnAddressInTheSitesOrInTheUsersList() {
        assertEquals(Decision.ALLOW, decider().connect(HOME, "either", Protocol.SFTP),
                "the user is not known at connect: the login decides");
        assertEquals(Decision.ALLOW, login("either", List.of(), List.of("198.51.100.0/24"), HOME));
        assertEquals(Decision.ALLOW, login("either", List.of(), List.of("198.51.100.0/24"), OFFICE));
        assertEquals(NOT_ALLOWED, login("either", List.of(), List.of("198.51.100.0/24"), ELSEWHERE));
        assertEquals(NOT_ALLOWED, login("either", List.of(), List.of(), HOME),
                "a user without a list of its own has the site's");
        assertEquals(Decision.ALLOW, login("either", List.of("partners"), List.of(), HOME),
                "a group's list counts as the user's");
        assertEquals(NOT_ALLOWED, login("either-no-site-list", List.of(), List.of("198.51.100.0/24"), OFFICE),
                "without a site list the user's list alone decides");
    }

    @Test
    void aGroupsRangesRestrictItsMembersUnlessTheyHaveTheirOwn() {
        assertEquals(Decision.ALLOW, login("groups", List.of("partners"), List.of(), HOME));
        assertEquals(NOT_ALLOWED, login("groups", List.of("partners"), List.of(), OFFICE));
        assertEquals(Decision.ALLOW, login("groups", List.of("partners", "auditors"), List.of(), ELSEWHERE),
                "one of the user's groups admitting the address is enough");
        assertEquals(Decision.ALLOW, login("groups", List.of("nobody"), List.of(), OFFICE),
                "a group without ranges restricts nothing");
        assertEquals(Decision.ALLOW, login("groups", List.of("partners"), List.of("203.0.113.0/24"), OFFICE),
                "the user's own ranges win over its groups'");
        assertEquals(NOT_ALLOWED, login("groups", List.of("partners"), List.of("203.0.113.0/24"), HOME));
    }

    @Test
    void aProtocolSwitchedOffForTheSiteIsRefusedWithItsOwnReason() {
        PolicyDecider d = decider();
        assertEquals(DISABLED, d.connect(HOME, "no-ftp", Protocol.FTP));
        assertEquals(DISABLED, d.connect(HOME, "no-ftp", Protocol.FTPS));
        assertEquals(Decision.ALLOW, d.connect(HOME, "no-ftp", Protocol.SFTP));
        assertEquals(DISABLED, d.connect(HOME, "no-sftp", Protocol.SFTP));
        assertEquals(DISABLED, d.login(user("no-sftp", List.of(), List.of()), Protocol.SFTP, HOME, true));
        assertEquals(Decision.ALLOW, d.login(user("no-sftp", List.of(), List.of()), Protocol.FTP, HOME, true));
        // plain FTP off, FTPS on: the connect (before AUTH TLS) goes on; the login tells which
        assertEquals(Decision.ALLOW, d.connect(HOME, "no-plain", Protocol.FTP));
        assertEquals(DISABLED, d.login(user("no-plain", List.of(), List.of()), Protocol.FTP, HOME, false));
        assertEquals(Decision.ALLOW, d.login(user("no-plain", List.of(), List.of()), Protocol.FTP, HOME, true));
    }
}
