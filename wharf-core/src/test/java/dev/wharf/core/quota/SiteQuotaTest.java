package dev.wharf.core.quota;

import dev.wharf.core.WharfException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The site's limits: which folder an upload falls under, and the wire form in grants. */
class SiteQuotaTest {
    private final SiteQuota site = new SiteQuota(new Quota(1000, 10, Quota.UNLIMITED),
            Map.of("team", new Quota(300, Quota.UNLIMITED, Quota.UNLIMITED), "open", Quota.NONE));

    @Test
    void anUploadFallsUnderTheSharedFolderItGoesTo() {
        assertEquals("team", site.folderOf("/_shared/team/a/b.txt").getKey());
        assertEquals("team", site.folderOf("/_shared/team").getKey());
        assertNull(site.folderOf("/_shared/teams/x"), "another folder");
        assertNull(site.folderOf("/_shared/open/x"), "a folder without limits is dropped");
        assertNull(site.folderOf("/alice/_shared/team/x"), "a home's own folder of that name");
        assertNull(site.folderOf("/_shared"));
    }

    @Test
    void wireFormRoundTripsAndNamesTheFolder() {
        assertEquals(Map.of("tenant", Map.of("bytes", 1000L, "files", 10L), "folders", Map.of("team",
                Map.of("bytes", 300L))), site.toWire());
        assertEquals(site, SiteQuota.fromWire(site.toWire()));
        assertTrue(SiteQuota.fromWire(null).unlimited());
        assertTrue(SiteQuota.fromWire(Map.of()).unlimited());
    }

    @Test
    void theSitesLargestFileAloneTravelsInTheGrant() {
        SiteQuota largest = new SiteQuota(new Quota(Quota.UNLIMITED, Quota.UNLIMITED, 5000), Map.of());
        assertEquals(Map.of("tenant", Map.of("fileSize", 5000L)), largest.toWire());
        assertEquals(largest, SiteQuota.fromWire(largest.toWire()));
        assertEquals(5000, largest.tenant().maxSize(null, -1, "the site"));
    }

    @Test
    void theRefusalNamesWhereTheLimitIs() {
        WharfException e = assertThrows(WharfException.class,
                () -> site.tenant().maxSize(new Usage(10, 10), -1, "the site"));
        assertTrue(e.getMessage().contains("the site holds 10 files"), e.getMessage());
        assertEquals(250, site.tenant().maxSize(new Usage(800, 3), 50, "the site"), "a replaced file frees its bytes");
    }
}
