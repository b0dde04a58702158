package dev.wharf.tenancy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Site settings as organization attributes: the same keys as realm attributes, lists multi-valued. */
class OrganizationAttributesTest {

    @Test
    void readsMultiValuedListsAndSingleValuedFlags() {
        SiteSettings s = OrganizationAttributes.read(Map.of(
                RealmAttributes.OTP_GRACE_SECONDS, List.of("300"),
                RealmAttributes.PLAIN_FTP, List.of("TRUE"),
                RealmAttributes.ALLOWED_CIDRS, List.of("203.0.113.0/24", " 2001:db8::/32 "),
                RealmAttributes.ALLOWED_COUNTRIES, List.of("gb", "IE,gb"),
                RealmAttributes.HOSTNAMES, List.of("files.example.com")));
        assertEquals(new SiteSettings(300, true, false, List.of("203.0.113.0/24", "2001:db8::/32"),
                List.of("GB", "IE"), List.of(), List.of("files.example.com")), s);
        assertEquals(SiteSettings.NONE, OrganizationAttributes.read(null));
        assertEquals(SiteSettings.NONE, OrganizationAttributes.read(Map.of(RealmAttributes.ALLOWED_CIDRS, List.of())));
    }

    @Test
    void writesListsOneValuePerEntryRemovesEmptyOnesAndKeepsOtherAttributes() {
        SiteSettings s = new SiteSettings(60, false, true, List.of("10.0.0.0/8", "192.0.2.0/24"), List.of(),
                List.of("KP"), List.of());
        Map<String, List<String>> written = OrganizationAttributes.write(s, Map.of(
                RealmAttributes.ALLOWED_COUNTRIES, List.of("GB"), "crm.id", List.of("a", "b")));
        assertEquals(Map.of(
                RealmAttributes.OTP_GRACE_SECONDS, List.of("60"),
                RealmAttributes.PLAIN_FTP, List.of("false"),
                RealmAttributes.PROTOCOLS_PER_GROUP, List.of("true"),
                RealmAttributes.ALLOWED_CIDRS, List.of("10.0.0.0/8", "192.0.2.0/24"),
                RealmAttributes.DENIED_COUNTRIES, List.of("KP"),
                "crm.id", List.of("a", "b")), written);
        assertEquals(s, OrganizationAttributes.read(written));
    }

    @Test
    void activeFtpIsASettingOfTheOrganizationToo() {
        SiteSettings on = new SiteSettings(0, false, false, List.of(), List.of(), List.of(), List.of(),
                AddressRule.BOTH, List.of(), true);
        Map<String, List<String>> written = OrganizationAttributes.write(on, Map.of());
        assertEquals(List.of("true"), written.get(RealmAttributes.ACTIVE_FTP));
        assertEquals(on, OrganizationAttributes.read(written));
        assertFalse(OrganizationAttributes.write(SiteSettings.NONE, written).containsKey(RealmAttributes.ACTIVE_FTP),
                "turned off: the attribute goes");
        assertEquals(List.of("true"), OrganizationAttributes.fromRealm(Map.of(RealmAttributes.ACTIVE_FTP, "true"))
                .get(RealmAttributes.ACTIVE_FTP), "moved with the realm's settings");
    }

    @Test
    void aRealmsAttributesMoveUnchangedInMeaning() {
        Map<String, String> realm = Map.of("wharf.tenant", "true", RealmAttributes.ALLOWED_CIDRS, "10.0.0.0/8, 192.0.2.0/24",
                RealmAttributes.PLAIN_FTP, "true", "wharf.other", "kept");
        Map<String, List<String>> org = OrganizationAttributes.fromRealm(realm);
        assertEquals(List.of("10.0.0.0/8", "192.0.2.0/24"), org.get(RealmAttributes.ALLOWED_CIDRS));
        assertEquals(List.of("kept"), org.get("wharf.other"));
        assertFalse(org.containsKey("wharf.tenant"));
        assertEquals(SiteSettings.fromAttributes(realm), OrganizationAttributes.read(org));
    }
}
