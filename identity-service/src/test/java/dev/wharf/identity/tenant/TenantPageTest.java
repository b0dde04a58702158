package dev.wharf.identity.tenant;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TenantPageTest {
    private static final List<String> IDS = IntStream.rangeClosed(1, 250).mapToObj(i -> String.format("t%03d", i))
            .toList();

    @Test
    void followingTheCursorVisitsEveryTenantOnceInOrder() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            TenantPage page = TenantPage.of(IDS, after, 100);
            page.items().forEach(t -> seen.add(t.id()));
            after = page.next();
            pages++;
        } while (after != null && pages < 10);
        assertEquals(IDS, seen);
        assertEquals(3, pages);
    }

    @Test
    void theDefaultPageHoldsOneHundredAndTheLastPageHasNoCursor() {
        TenantPage first = TenantPage.of(IDS, null, null);
        assertEquals(TenantPage.DEFAULT_LIMIT, first.items().size());
        assertEquals("t100", first.next());
        TenantPage last = TenantPage.of(IDS, "t200", 50);
        assertEquals(50, last.items().size());
        assertNull(last.next());
        assertEquals(List.of(), TenantPage.of(IDS, "t250", 10).items());
        assertEquals(List.of(), TenantPage.of(List.of(), null, 10).items());
    }

    @Test
    void aCursorThatNoLongerExistsContinuesAfterItsPlace() {
        // t150 deleted between two calls: the next page still starts right after where it stood
        TenantPage page = TenantPage.of(IDS.stream().filter(i -> !i.equals("t150")).toList(), "t150", 2);
        assertEquals(List.of("t151", "t152"), page.items().stream().map(TenantResource.TenantBody::id).toList());
        assertEquals("t152", page.next());
    }

    @Test
    void aLimitOutsideOneToOneThousandIsABadRequest() {
        for (int bad : new int[] {0, -1, TenantPage.MAX_LIMIT + 1}) {
            WharfException e = assertThrows(WharfException.class, () -> TenantPage.of(IDS, null, bad));
            assertEquals(Reason.BAD_REQUEST, e.reason());
        }
        assertEquals(IDS.size(), TenantPage.of(IDS, null, TenantPage.MAX_LIMIT).items().size());
    }
}
