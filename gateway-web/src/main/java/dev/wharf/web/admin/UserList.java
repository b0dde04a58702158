package dev.wharf.web.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One page of the Users page's list: the tenant's users sorted by name, those whose name contains {@code search}
 * (any case), {@link #SIZE} a page. identity-service answers the whole list in one call (it reads Keycloak in pages
 * itself), so the portal pages it for people: a page number, not a cursor, gives "previous" for free.
 *
 * @param users  this page's users, each with whether they administer the tenant
 * @param page   this page, from 1 (a number past the last shows the last)
 * @param pages  how many pages there are (at least 1)
 * @param total  how many users match
 * @param search what was searched for ("" for everyone)
 */
public record UserList(List<Row> users, int page, int pages, int total, String search) {
    /** Users a page. */
    static final int SIZE = 50;

    /** One line of the list. */
    public record Row(String username, boolean enabled, String home, boolean admin) {
    }

    static UserList of(List<AdminClient.UserSummary> all, Set<String> admins, String search, int page) {
        String wanted = search == null ? "" : search.strip();
        String needle = wanted.toLowerCase(Locale.ROOT);
        List<AdminClient.UserSummary> matching = all.stream()
                .filter(u -> u.username().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(Comparator.comparing(AdminClient.UserSummary::username)).toList();
        int pages = Math.max(1, (matching.size() + SIZE - 1) / SIZE);
        int shown = Math.min(Math.max(1, page), pages);
        List<Row> rows = matching.subList((shown - 1) * SIZE, Math.min(matching.size(), shown * SIZE)).stream()
                .map(u -> new Row(u.username(), u.enabled(), u.home(), admins.contains(u.username()))).toList();
        return new UserList(rows, shown, pages, matching.size(), wanted);
    }

    /** The search as it goes into a page link's query. */
    public String searchParam() {
        return AdminClient.encode(search);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }

    public int previous() {
        return page - 1;
    }

    public int next() {
        return page + 1;
    }
}
