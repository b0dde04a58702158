package dev.wharf.identity.tenant;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

import java.util.Collections;
import java.util.List;

/**
 * One page of the tenant list ({@code GET /v1/admin/tenants?limit=&after=}): the ids after a cursor, in order, and
 * the cursor of the next page ({@code null} on the last). The cursor is the last id of the page, so a page stays
 * right when tenants are created or deleted between two calls.
 */
public record TenantPage(List<TenantResource.TenantBody> items, String next) {
    /** Page size when the caller names none. */
    public static final int DEFAULT_LIMIT = 100;
    /** Largest page a caller may ask for. */
    public static final int MAX_LIMIT = 1000;

    /** The page of {@code sortedIds} after {@code after} (null: from the start), at most {@code limit} long. */
    public static TenantPage of(List<String> sortedIds, String after, Integer limit) {
        int size = checkedLimit(limit);
        int from = 0;
        if (after != null && !after.isEmpty()) {
            int i = Collections.binarySearch(sortedIds, after);
            from = i >= 0 ? i + 1 : -i - 1;
        }
        int to = Math.min(sortedIds.size(), from + size);
        List<TenantResource.TenantBody> items = sortedIds.subList(from, to).stream()
                .map(TenantResource.TenantBody::new).toList();
        return new TenantPage(items, to < sortedIds.size() ? sortedIds.get(to - 1) : null);
    }

    private static int checkedLimit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new WharfException(Reason.BAD_REQUEST, "limit must be 1-" + MAX_LIMIT);
        }
        return limit;
    }
}
