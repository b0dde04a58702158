package dev.wharf.tenancy;

import dev.wharf.core.WharfException;
import dev.wharf.core.quota.Quota;
import dev.wharf.core.quota.SiteQuota;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A site's storage limits in its realm attributes, and as the admin API spells them. */
class SiteQuotasTest {

    @Test
    void readWriteAndTheAdminApisSpelling() {
        assertTrue(SiteQuotas.fromAttributes(Map.of()).unlimited());
        SiteQuota q = new SiteQuota(new Quota(50_000, Quota.UNLIMITED, Quota.UNLIMITED),
                SiteQuotas.parseEntries(List.of("finance 10000", "hr - 20", " legal 5  7 ")));
        Map<String, String> a = new HashMap<>(Map.of("wharf.site.hostnames", "files.example.com"));
        SiteQuotas.writeTo(q, a);
        assertEquals("50000", a.get(RealmAttributes.QUOTA_BYTES));
        assertFalse(a.containsKey(RealmAttributes.QUOTA_FILES));
        assertEquals("finance 10000 -,hr - 20,legal 5 7", a.get(RealmAttributes.SHARED_FOLDER_QUOTAS));
        assertEquals(q, SiteQuotas.fromAttributes(a));
        assertEquals(List.of("finance 10000 -", "hr - 20", "legal 5 7"), SiteQuotas.entries(q));
        SiteQuotas.writeTo(SiteQuota.NONE, a);
        assertEquals(Map.of("wharf.site.hostnames", "files.example.com"), a, "no limits: no attributes");
    }

    @Test
    void theSitesLargestFileIsReadAndWritten() {
        SiteQuota q = new SiteQuota(new Quota(Quota.UNLIMITED, Quota.UNLIMITED, 2_000_000), Map.of());
        assertFalse(q.unlimited(), "a largest file alone is a limit");
        Map<String, String> a = new HashMap<>();
        SiteQuotas.writeTo(q, a);
        assertEquals(Map.of(RealmAttributes.MAX_FILE_SIZE, "2000000"), a);
        assertEquals(q, SiteQuotas.fromAttributes(a));
        assertEquals(0, SiteQuotas.fromAttributes(Map.of(RealmAttributes.MAX_FILE_SIZE, "2 GB")).tenant().fileSize(),
                "a typo stops uploads");
    }

    @Test
    void badEntriesAreRefusedAndBadStoredValuesNeverLiftALimit() {
        for (String bad : List.of("finance", "finance ten", "Finance 10", "finance 10 20 30", "finance -5")) {
            assertThrows(WharfException.class, () -> SiteQuotas.parseEntries(List.of(bad)), bad);
        }
        SiteQuota stored = SiteQuotas.fromAttributes(Map.of(RealmAttributes.QUOTA_BYTES, "lots",
                RealmAttributes.SHARED_FOLDER_QUOTAS, "finance ten,hr 5"));
        assertEquals(0, stored.tenant().bytes(), "a typo stops uploads");
        assertEquals(Map.of("hr", new Quota(5, Quota.UNLIMITED, Quota.UNLIMITED), "finance", new Quota(0,
                Quota.UNLIMITED, Quota.UNLIMITED)), stored.folders(), "a malformed entry stops its folder's uploads");
    }
}
