package dev.wharf.identity.tenant;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Site settings to realm attributes and back, and what the validation refuses. */
class SiteAttributesTest {
    private static SiteSettings only(List<String> cidrs, List<String> allowed, List<String> denied,
                                     List<String> hosts) {
        return new SiteSettings(null, null, null, cidrs, allowed, denied, hosts);
    }

    @Test
    void missingAttributesReadAsNoRules() {
        SiteSettings s = SiteAttributes.read(Map.of("wharf.tenant", "true", "wharf.otp.graceSeconds", "junk"));
        assertEquals(0L, s.otpGraceSeconds());
        assertFalse(s.plainFtpAllowed());
        assertTrue(s.allowedCidrs().isEmpty() && s.allowedCountries().isEmpty() && s.hostnames().isEmpty());
    }

    @Test
    void listsAreWrittenCommaSeparatedNormalizedAndClearedByEmptyOnes() {
        Map<String, String> a = SiteAttributes.apply(Map.of("wharf.tenant", "true", "wharf.site.deniedCountries", "KP"),
                only(List.of("10.0.0.0/8", "10.0.0.0/8"), List.of("gb", " ie "), List.of(),
                        List.of("Files.Example.COM")));
        assertEquals("10.0.0.0/8", a.get("wharf.site.allowedCidrs"));
        assertEquals("GB,IE", a.get("wharf.site.allowedCountries"));
        assertFalse(a.containsKey("wharf.site.deniedCountries"));
        assertEquals("files.example.com", a.get("wharf.site.hostnames"));
        assertEquals("true", a.get("wharf.tenant"));
    }

    @Test
    void badEntriesAreRefusedNamingTheField() {
        Map<String, String> none = Map.of();
        for (var bad : List.of(
                Map.entry("allowedCidrs", only(List.of("10.0.0.0/33"), null, null, null)),
                Map.entry("allowedCountries", only(null, List.of("UK"), null, null)),
                Map.entry("deniedCountries", only(null, null, List.of("G"), null)),
                Map.entry("hostnames", only(null, null, null, List.of("-bad.example.com"))),
                Map.entry("hostnames", only(null, null, null, List.of("192.0.2.1"))),
                Map.entry("hostnames", only(null, null, null, List.of("under_score.example.com"))),
                Map.entry("otpGraceSeconds", new SiteSettings(-1L, null, null, null, null, null, null)))) {
            WharfException e = assertThrows(WharfException.class, () -> SiteAttributes.apply(none, bad.getValue()));
            assertEquals(Reason.BAD_REQUEST, e.reason());
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
    }

    @Test
    void theAddressRuleAndTheProtocolSwitches() {
        Map<String, String> a = SiteAttributes.apply(Map.of(), new SiteSettings(null, null, null, null, null, null,
                null, "Either", List.of("FTP", "https", "ftp")));
        assertEquals("either", a.get("wharf.site.addressRule"));
        assertEquals("ftp,https", a.get("wharf.site.disabledProtocols"));
        SiteSettings read = SiteAttributes.read(a);
        assertEquals("either", read.addressRule());
        assertEquals(List.of("ftp", "https"), read.disabledProtocols());
        assertEquals("both", SiteAttributes.read(Map.of()).addressRule(), "the default is the stricter rule");
        Map<String, String> back = SiteAttributes.apply(a, new SiteSettings(null, null, null, null, null, null, null,
                "both", List.of()));
        assertFalse(back.containsKey("wharf.site.addressRule"));
        assertFalse(back.containsKey("wharf.site.disabledProtocols"));

        for (var bad : List.of(
                Map.entry("addressRule", new SiteSettings(null, null, null, null, null, null, null, "any", null)),
                Map.entry("disabledProtocols", new SiteSettings(null, null, null, null, null, null, null, null,
                        List.of("scp"))))) {
            WharfException e = assertThrows(WharfException.class, () -> SiteAttributes.apply(Map.of(),
                    bad.getValue()));
            assertEquals(Reason.BAD_REQUEST, e.reason());
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
    }

    @Test
    void theLoginRequirements() {
        Map<String, String> a = SiteAttributes.apply(Map.of("wharf.site.hostnames", "files.example.com"),
                new SiteSettings(null, null, null, null, null, null, null, null, null, true, List.of("ssh-keys"), 90));
        assertEquals("true", a.get("wharf.site.require2fa"));
        assertEquals("ssh-keys", a.get("wharf.site.require2faExempt"));
        assertEquals("90", a.get("wharf.site.passwordMaxAgeDays"));
        assertEquals("files.example.com", a.get("wharf.site.hostnames"), "other settings are kept");
        SiteSettings read = SiteAttributes.read(a);
        assertEquals(true, read.secondFactorRequired());
        assertEquals(List.of("ssh-keys"), read.secondFactorExempt());
        assertEquals(90, read.passwordMaxAgeDays());
        // fields left out keep their value; the defaults remove the attributes
        Map<String, String> kept = SiteAttributes.apply(a, new SiteSettings(null, null, null, null, null, null, null,
                null, null, null, null, 30));
        assertEquals("true", kept.get("wharf.site.require2fa"));
        assertEquals("30", kept.get("wharf.site.passwordMaxAgeDays"));
        Map<String, String> off = SiteAttributes.apply(a, new SiteSettings(null, null, null, null, null, null, null,
                null, null, false, List.of(), 0));
        assertFalse(off.containsKey("wharf.site.require2fa") || off.containsKey("wharf.site.require2faExempt")
                || off.containsKey("wharf.site.passwordMaxAgeDays"));
        SiteSettings none = SiteAttributes.read(Map.of());
        assertEquals(false, none.secondFactorRequired());
        assertEquals(List.of(), none.secondFactorExempt());
        assertEquals(0, none.passwordMaxAgeDays());

        for (var bad : List.of(
                Map.entry("passwordMaxAgeDays", new SiteSettings(null, null, null, null, null, null, null, null, null,
                        null, null, -1)),
                Map.entry("secondFactorExempt", new SiteSettings(null, null, null, null, null, null, null, null, null,
                        null, List.of("passwords"), null)))) {
            WharfException e = assertThrows(WharfException.class, () -> SiteAttributes.apply(Map.of(),
                    bad.getValue()));
            assertEquals(Reason.BAD_REQUEST, e.reason());
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
    }

    @Test
    void activeFtpIsASiteSwitchOffByDefault() {
        assertEquals(false, SiteAttributes.read(Map.of()).activeFtpAllowed());
        Map<String, String> on = SiteAttributes.apply(Map.of("wharf.site.hostnames", "files.example.com"),
                new SiteSettings(null, null, null, null, null, null, null, null, null, null, null, null, true));
        assertEquals("true", on.get("wharf.ftp.activeAllowed"));
        assertEquals(true, SiteAttributes.read(on).activeFtpAllowed());
        assertEquals("true", SiteAttributes.apply(on, new SiteSettings(null, true, null, null, null, null, null))
                .get("wharf.ftp.activeAllowed"), "left out keeps it");
        Map<String, String> off = SiteAttributes.apply(on, new SiteSettings(null, null, null, null, null, null,
                null, null, null, null, null, null, false));
        assertFalse(off.containsKey("wharf.ftp.activeAllowed"));
        assertEquals("files.example.com", off.get("wharf.site.hostnames"), "other settings are kept");
    }

    @Test
    void theSitesLargestFileIsSetKeptAndRemoved() {
        Map<String, String> a = SiteAttributes.apply(Map.of(), new SiteSettings(null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, 10_000_000L, null, null, null));
        assertEquals("10000000", a.get("wharf.site.maxFileSize"));
        assertEquals(10_000_000L, SiteAttributes.read(a).maxFileSize());
        assertEquals("10000000", SiteAttributes.apply(a, new SiteSettings(null, null, null, null, null, null, null,
                null, null, null, null, null, null, 5L, null, null, null, null, null)).get("wharf.site.maxFileSize"),
                "left out keeps it");
        assertFalse(SiteAttributes.apply(a, new SiteSettings(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, -1L, null, null, null)).containsKey("wharf.site.maxFileSize"));
        WharfException e = assertThrows(WharfException.class, () -> SiteAttributes.apply(Map.of(),
                new SiteSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, -7L, null, null, null)));
        assertEquals(Reason.BAD_REQUEST, e.reason());
        assertTrue(e.getMessage().contains("maxFileSize"), e.getMessage());
        assertEquals(null, SiteAttributes.read(Map.of()).maxFileSize(), "none by default");
    }

    @Test
    void theSitesQuotasAreSetKeptAndRemoved() {
        Map<String, String> a = SiteAttributes.apply(Map.of("wharf.site.hostnames", "files.example.com"),
                new SiteSettings(null, null, null, null, null, null, null, null, null, null, null, null, null,
                        1_000_000L, null, List.of("finance 5000 10"), null, null));
        assertEquals("1000000", a.get("wharf.site.quotaBytes"));
        assertEquals("finance 5000 10", a.get("wharf.site.sharedFolderQuotas"));
        SiteSettings read = SiteAttributes.read(a);
        assertEquals(1_000_000L, read.quotaBytes());
        assertEquals(null, read.quotaFiles());
        assertEquals(List.of("finance 5000 10"), read.sharedFolderQuotas());
        Map<String, String> kept = SiteAttributes.apply(a, new SiteSettings(null, true, null, null, null, null,
                null));
        assertEquals("1000000", kept.get("wharf.site.quotaBytes"), "left out keeps it");
        Map<String, String> removed = SiteAttributes.apply(a, new SiteSettings(null, null, null, null, null, null,
                null, null, null, null, null, null, null, -1L, null, List.of(), 5L, 5L));
        assertFalse(removed.containsKey("wharf.site.quotaBytes") || removed.containsKey("wharf.site.sharedFolderQuotas"));
        assertEquals("files.example.com", removed.get("wharf.site.hostnames"), "usage in an update is ignored");
        for (var bad : List.of(
                Map.entry("quotaBytes", new SiteSettings(null, null, null, null, null, null, null, null, null, null,
                        null, null, null, -2L, null, null, null, null)),
                Map.entry("shared folder quota", new SiteSettings(null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null, List.of("Finance 10"), null, null)))) {
            WharfException e = assertThrows(WharfException.class, () -> SiteAttributes.apply(Map.of(),
                    bad.getValue()));
            assertEquals(Reason.BAD_REQUEST, e.reason());
        }
    }

    @Test
    void dnsNames() {
        assertTrue(SiteAttributes.isDnsName("a.b"));
        assertTrue(SiteAttributes.isDnsName("ftp.acme-corp.example"));
        assertFalse(SiteAttributes.isDnsName("localhost"));
        assertFalse(SiteAttributes.isDnsName("a..b"));
        assertFalse(SiteAttributes.isDnsName("a.b."));
        assertFalse(SiteAttributes.isDnsName("x".repeat(64) + ".com"));
    }
}
