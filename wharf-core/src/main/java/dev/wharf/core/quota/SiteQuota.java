package dev.wharf.core.quota;

import dev.wharf.core.access.SharedFolders;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The limits above a user's: the tenant's whole namespace and each shared folder's (site settings), carried in a
 * session's grant beside the user's {@link Quota} and enforced by storage-service while an upload streams. A shared
 * folder's {@link Quota#bytes()} and {@link Quota#files()} apply; the tenant's also its {@link Quota#fileSize()},
 * the site's largest file, which applies beside the user's own (the smaller wins).
 *
 * @param tenant  what the tenant's files together may hold and its largest file ({@link Quota#NONE}: no limit)
 * @param folders per shared folder name, what its files together may hold; folders without a limit are absent
 */
public record SiteQuota(Quota tenant, Map<String, Quota> folders) {
    /** No limits. */
    public static final SiteQuota NONE = new SiteQuota(Quota.NONE, Map.of());

    public SiteQuota {
        tenant = tenant == null ? Quota.NONE : tenant;
        java.util.SortedMap<String, Quota> kept = new TreeMap<>();
        if (folders != null) {
            folders.forEach((name, q) -> {
                if (q != null && q.countsUsage()) {
                    kept.put(name, q);
                }
            });
        }
        // in name order, so that the admin API and the attribute list them the same way every time
        folders = Collections.unmodifiableSortedMap(kept);
    }

    /** Whether nothing is limited. */
    public boolean unlimited() {
        return tenant.unlimited() && folders.isEmpty();
    }

    /** The limit of the shared folder that holds the tenant-namespace {@code path}, if it has one. */
    public Map.Entry<String, Quota> folderOf(String path) {
        if (!SharedFolders.isShared(path) || path.equals(SharedFolders.ROOT)) {
            return null;
        }
        String rest = path.substring(SharedFolders.ROOT.length() + 1);
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        Quota q = folders.get(name);
        return q == null ? null : Map.entry(name, q);
    }

    /** The wire form in grants: {@code {"tenant": {...}, "folders": {"<name>": {...}}}}, only what is set. */
    public Map<String, Object> toWire() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!tenant.unlimited()) {
            m.put("tenant", tenant.toWire());
        }
        if (!folders.isEmpty()) {
            Map<String, Object> f = new LinkedHashMap<>();
            folders.forEach((name, q) -> f.put(name, q.toWire()));
            m.put("folders", f);
        }
        return m;
    }

    /** Limits from their wire form; null or empty is {@link #NONE}. */
    public static SiteQuota fromWire(Map<?, ?> wire) {
        if (wire == null || wire.isEmpty()) {
            return NONE;
        }
        Quota tenant = wire.get("tenant") instanceof Map<?, ?> t ? Quota.fromWire(t) : Quota.NONE;
        Map<String, Quota> folders = new TreeMap<>();
        if (wire.get("folders") instanceof Map<?, ?> f) {
            f.forEach((name, q) -> folders.put(String.valueOf(name), q instanceof Map<?, ?> m ? Quota.fromWire(m)
                    : Quota.NONE));
        }
        return new SiteQuota(tenant, folders);
    }
}
