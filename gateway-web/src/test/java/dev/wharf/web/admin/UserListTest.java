package dev.wharf.web.admin;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserListTest {
    private static List<AdminClient.UserSummary> users(int n) {
        // out of order on purpose: the list sorts
        return IntStream.range(0, n).map(i -> n - 1 - i)
                .mapToObj(i -> new AdminClient.UserSummary(String.format("u%03d", i), i % 2 == 0, "/u" + i)).toList();
    }

    @Test
    void pagesSortedByNameWithPreviousAndNext() {
        UserList first = UserList.of(users(120), Set.of("u001"), "", 1);
        assertEquals(3, first.pages());
        assertEquals(120, first.total());
        assertEquals(UserList.SIZE, first.users().size());
        assertEquals("u000", first.users().getFirst().username());
        assertTrue(first.users().get(1).admin(), "u001 administers the tenant");
        assertFalse(first.users().getFirst().admin());
        assertFalse(first.hasPrevious());
        assertTrue(first.hasNext());
        assertEquals(2, first.next());

        UserList last = UserList.of(users(120), Set.of(), "", 3);
        assertEquals(20, last.users().size());
        assertEquals("u100", last.users().getFirst().username());
        assertTrue(last.hasPrevious());
        assertEquals(2, last.previous());
        assertFalse(last.hasNext());
    }

    @Test
    void aPageOutOfRangeShowsTheNearestOne() {
        assertEquals(3, UserList.of(users(120), Set.of(), "", 99).page());
        assertEquals(1, UserList.of(users(120), Set.of(), "", -4).page());
        UserList none = UserList.of(List.of(), Set.of(), null, 2);
        assertEquals(1, none.page());
        assertEquals(1, none.pages());
        assertTrue(none.users().isEmpty());
        assertFalse(none.hasNext());
    }

    @Test
    void searchFindsNamesContainingTheTextInAnyCase() {
        UserList found = UserList.of(users(120), Set.of(), "  U11 ", 1);
        assertEquals("U11", found.search());
        assertEquals(List.of("u110", "u111", "u112", "u113", "u114", "u115", "u116", "u117", "u118",
                "u119"), found.users().stream().map(UserList.Row::username).toList());
        assertEquals(1, found.pages());
        assertEquals("a%20%26b", UserList.of(List.of(), Set.of(), "a &b", 1).searchParam(), "as a link's query");
    }
}
