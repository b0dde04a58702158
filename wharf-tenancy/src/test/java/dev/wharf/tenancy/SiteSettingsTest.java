package dev.wharf.tenancy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one reading and writing of site and user settings that identity-service and policy-service share. */
class SiteSettingsTest {

    @Test
    void readsEveryRealmAttributeLeniently() {
        SiteSettings s = SiteSettings.fromAttributes(Map.of(
                RealmAttributes.OTP_GRACE_SECONDS, " 300 ",
                RealmAttributes.PLAIN_FTP, " TRUE ",
                RealmAttributes.PROTOCOLS_PER_GROUP, "true",
                RealmAttributes.ALLOWED_CIDRS, " 203.0.113.0/24 , ,2001:db8::/32",
                RealmAttributes.ALLOWED_COUNTRIES, "gb, Ie, GB",
                RealmAttributes.DENIED_COUNTRIES, "kp",
                RealmAttributes.HOSTNAMES, "files.example.com,ftp.example.com"));
        assertEquals(new SiteSettings(300, true, true, List.of("203.0.113.0/24", "2001:db8::/32"),
                List.of("GB", "IE"), List.of("KP"), List.of("files.example.com", "ftp.example.com")), s);
        assertTrue(s.hasCountryRules());
    }

    @Test
    void missingOrUnreadableValuesAreTheDefaults() {
        SiteSettings s = SiteSettings.fromAttributes(Map.of(RealmAttributes.OTP_GRACE_SECONDS, "soon",
                RealmAttributes.PLAIN_FTP, "yes", "wharf.unknown", "x"));
        assertEquals(SiteSettings.NONE, s);
        assertFalse(s.hasCountryRules());
        assertEquals(RealmAttributes.MAX_OTP_GRACE_SECONDS, SiteSettings.graceSeconds("99999999"));
        assertEquals(0, SiteSettings.graceSeconds("-5"));
    }

    @Test
    void writingKeepsOtherAttributesAndRemovesEmptyLists() {
        Map<String, String> before = Map.of("wharf.tenant", "true", RealmAttributes.DENIED_COUNTRIES, "KP");
        SiteSettings s = new SiteSettings(60, true, false, List.of("10.0.0.0/8"), List.of("GB"), List.of(),
                List.of());
        Map<String, String> after = s.toAttributes(before);
        assertEquals("true", after.get("wharf.tenant"));
        assertEquals("60", after.get(RealmAttributes.OTP_GRACE_SECONDS));
        assertEquals("true", after.get(RealmAttributes.PLAIN_FTP));
        assertEquals("false", after.get(RealmAttributes.PROTOCOLS_PER_GROUP));
        assertEquals("10.0.0.0/8", after.get(RealmAttributes.ALLOWED_CIDRS));
        assertFalse(after.containsKey(RealmAttributes.DENIED_COUNTRIES));
        assertFalse(after.containsKey(RealmAttributes.HOSTNAMES));
        assertEquals(s, SiteSettings.fromAttributes(after), "what is written reads back the same");
    }

    @Test
    void theAddressRuleAndTheSiteWideProtocolSwitches() {
        SiteSettings either = SiteSettings.fromAttributes(Map.of(RealmAttributes.ADDRESS_RULE, " Either ",
                RealmAttributes.DISABLED_PROTOCOLS, "FTP, https,ftp"));
        assertEquals(AddressRule.EITHER, either.addressRule());
        assertEquals(List.of("ftp", "https"), either.disabledProtocols());
        Map<String, String> written = either.toAttributes(Map.of());
        assertEquals("either", written.get(RealmAttributes.ADDRESS_RULE));
        assertEquals("ftp,https", written.get(RealmAttributes.DISABLED_PROTOCOLS));
        assertEquals(either, SiteSettings.fromAttributes(written));

        assertEquals(AddressRule.BOTH, SiteSettings.fromAttributes(Map.of(RealmAttributes.ADDRESS_RULE, "any"))
                .addressRule(), "an unreadable rule is the stricter one");
        Map<String, String> back = SiteSettings.NONE.toAttributes(written);
        assertFalse(back.containsKey(RealmAttributes.ADDRESS_RULE), "the default is written as no attribute");
        assertFalse(back.containsKey(RealmAttributes.DISABLED_PROTOCOLS));
    }

    @Test
    void activeFtpIsOffUnlessTheSiteTurnsItOn() {
        assertFalse(SiteSettings.NONE.activeFtpAllowed());
        assertFalse(SiteSettings.fromAttributes(Map.of(RealmAttributes.ACTIVE_FTP, "yes")).activeFtpAllowed(),
                "an unreadable value is off");
        SiteSettings on = SiteSettings.fromAttributes(Map.of(RealmAttributes.ACTIVE_FTP, " TRUE "));
        assertTrue(on.activeFtpAllowed());
        Map<String, String> written = on.toAttributes(Map.of());
        assertEquals("true", written.get(RealmAttributes.ACTIVE_FTP));
        assertEquals(on, SiteSettings.fromAttributes(written));
        assertFalse(SiteSettings.NONE.toAttributes(written).containsKey(RealmAttributes.ACTIVE_FTP),
                "off is written as no attribute");
    }

    @Test
    void userSettingsFromAttributes() {
        Map<String, String> a = Map.of(UserAttributes.PROTOCOLS, "sftp, ftps", UserAttributes.AUTH_METHOD,
                UserAttributes.AUTH_NONE);
        UserSettings u = UserSettings.fromAttributes("alice", n -> Optional.ofNullable(a.get(n)));
        assertEquals(new UserSettings("/alice", List.of("sftp", "ftps"), List.of(), false), u);
        UserSettings plain = UserSettings.fromAttributes("bob", n -> Optional.empty());
        assertTrue(plain.passwordLogin());
        assertEquals("/bob", plain.home());
    }
}
