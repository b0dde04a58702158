package dev.wharf.core.quota;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuotaTest {
    @Test
    void theRoomLeftIsTheQuotaLessWhatIsUsedPlusTheFileReplaced() {
        Quota q = new Quota(1000, Quota.UNLIMITED, Quota.UNLIMITED);
        assertEquals(400, q.maxSize(new Usage(600, 1), -1), "a new file");
        assertEquals(1000, q.maxSize(new Usage(600, 1), 600), "replacing the one file frees its bytes");
        assertEquals(0, q.maxSize(new Usage(1200, 2), -1), "over the quota already (lowered meanwhile)");
    }

    @Test
    void theLargestFileCountsEverywhereTheTotalsOnlyInTheHome() {
        Quota q = new Quota(1000, 5, 300);
        assertEquals(300, q.maxSize(new Usage(0, 0), -1));
        assertEquals(100, q.maxSize(new Usage(900, 1), -1));
        assertEquals(300, q.maxSize(null, -1), "outside the home (a shared folder)");
        assertEquals(Quota.UNLIMITED, Quota.NONE.maxSize(new Usage(1L << 40, 1_000_000), -1));
    }

    @Test
    void aNewFileBeyondTheFileCountIsRefusedAReplacementIsNot() {
        Quota q = new Quota(Quota.UNLIMITED, 2, Quota.UNLIMITED);
        WharfException e = assertThrows(WharfException.class, () -> q.maxSize(new Usage(10, 2), -1));
        assertEquals(Reason.QUOTA_EXCEEDED, e.reason());
        assertEquals(Quota.UNLIMITED, q.maxSize(new Usage(10, 2), 5));
        assertEquals(Quota.UNLIMITED, q.maxSize(new Usage(10, 1), -1));
    }

    @Test
    void theWireFormCarriesOnlyTheLimitsSet() {
        Quota q = new Quota(5L << 30, Quota.UNLIMITED, 1L << 30);
        assertEquals(Map.of("bytes", 5L << 30, "fileSize", 1L << 30), q.toWire());
        assertEquals(q, Quota.fromWire(Map.of("bytes", 5L << 30, "fileSize", 1 << 30)));
        assertTrue(Quota.fromWire(null).unlimited());
        assertEquals(Reason.BAD_REQUEST, assertThrows(WharfException.class,
                () -> new Quota(-5, Quota.UNLIMITED, Quota.UNLIMITED)).reason());
        assertEquals(Reason.BAD_REQUEST, assertThrows(WharfException.class,
                () -> Quota.fromWire(Map.of("files", "many"))).reason());
    }
}
