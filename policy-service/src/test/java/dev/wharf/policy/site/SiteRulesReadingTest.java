package dev.wharf.policy.site;

import dev.wharf.tenancy.RealmAttributes;
import dev.wharf.policy.address.IpAddresses;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteRulesReadingTest {

    @Test
    void readsEverySetting() {
        SiteRules s = SiteRules.fromAttributes(Map.of(
                RealmAttributes.PLAIN_FTP, "true",
                RealmAttributes.PROTOCOLS_PER_GROUP, "TRUE",
                RealmAttributes.ALLOWED_CIDRS, " 203.0.113.0/24 , 2001:db8::/32 ,",
                RealmAttributes.ALLOWED_COUNTRIES, "us, gb",
                RealmAttributes.DENIED_COUNTRIES, "Kp"));
        assertTrue(s.plainFtpAllowed());
        assertTrue(s.protocolsPerGroup());
        assertTrue(s.allowedCidrs().contains(IpAddresses.parseAddress("203.0.113.9")));
        assertTrue(s.allowedCidrs().contains(IpAddresses.parseAddress("2001:db8::1")));
        assertFalse(s.allowedCidrs().contains(IpAddresses.parseAddress("198.51.100.1")));
        assertEquals(Set.of("US", "GB"), s.allowedCountries());
        assertEquals(Set.of("KP"), s.deniedCountries());
        assertTrue(s.hasCountryRules());
    }

    @Test
    void missingOrOddValuesMeanNoRuleAndNoPlainFtp() {
        SiteRules s = SiteRules.fromAttributes(Map.of(RealmAttributes.PLAIN_FTP, "yes",
                RealmAttributes.ALLOWED_COUNTRIES, " , "));
        assertFalse(s.plainFtpAllowed());
        assertTrue(s.allowedCidrs().isEmpty());
        assertFalse(s.hasCountryRules());
        assertFalse(SiteRules.NONE.hasCountryRules());
    }

    @Test
    void invalidRangesAreKeptAsInvalidSoThatTheyMatchNothing() {
        SiteRules s = SiteRules.fromAttributes(Map.of(RealmAttributes.ALLOWED_CIDRS, "example.com"));
        assertFalse(s.allowedCidrs().isEmpty());
        assertEquals(1, s.allowedCidrs().invalid().size());
        assertFalse(s.allowedCidrs().contains(IpAddresses.parseAddress("203.0.113.9")));
    }

    @Test
    void groupsGrantTheirProtocols() {
        SiteRules s = SiteRules.fromAttributes(Map.of(RealmAttributes.PROTOCOLS_PER_GROUP, "true"))
                .withGroupProtocols(Map.of("ops", " SFTP , ftps", "none", ""));
        assertTrue(s.groupsGrant(java.util.List.of("x", "ops"), "sftp"));
        assertTrue(s.groupsGrant(java.util.List.of("ops"), "ftps"));
        assertFalse(s.groupsGrant(java.util.List.of("ops"), "ftp"));
        assertFalse(s.groupsGrant(java.util.List.of("none"), "sftp"));
        assertFalse(s.groupsGrant(java.util.List.of(), "sftp"));
        assertTrue(s.protocolsPerGroup());
    }
}
