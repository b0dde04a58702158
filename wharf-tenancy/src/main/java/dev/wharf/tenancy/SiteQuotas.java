package dev.wharf.tenancy;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.access.SharedFolders;
import dev.wharf.core.quota.Quota;
import dev.wharf.core.quota.SiteQuota;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * A site's storage limits in its realm attributes ({@link RealmAttributes#QUOTA_BYTES},
 * {@link RealmAttributes#QUOTA_FILES}, {@link RealmAttributes#MAX_FILE_SIZE},
 * {@link RealmAttributes#SHARED_FOLDER_QUOTAS}): the one reading and writing of
 * them, for the admin API and the grants. A stored value that does not parse reads as 0, as a user's
 * ({@link QuotaAttributes}): a typo stops uploads rather than lifting a limit.
 */
public final class SiteQuotas {
    private static final Logger LOG = Logger.getLogger(SiteQuotas.class.getName());
    private static final String NONE = "-";

    private SiteQuotas() {
    }

    /** The limits realm attributes say. */
    public static SiteQuota fromAttributes(Map<String, String> a) {
        Quota tenant = new Quota(QuotaAttributes.stored(a.get(RealmAttributes.QUOTA_BYTES), RealmAttributes.QUOTA_BYTES),
                QuotaAttributes.stored(a.get(RealmAttributes.QUOTA_FILES), RealmAttributes.QUOTA_FILES),
                QuotaAttributes.stored(a.get(RealmAttributes.MAX_FILE_SIZE), RealmAttributes.MAX_FILE_SIZE));
        Map<String, Quota> folders = new TreeMap<>();
        for (String entry : AttributeValues.split(a.get(RealmAttributes.SHARED_FOLDER_QUOTAS))) {
            try {
                Map.Entry<String, Quota> f = parseEntry(entry);
                folders.put(f.getKey(), f.getValue());
            } catch (WharfException e) {
                // the folder it names stops taking uploads rather than losing its limit
                String name = entry.strip().split("\\s+")[0];
                LOG.warning("malformed shared folder quota of a site, read as 0 bytes: " + e.getMessage());
                if (isFolderName(name)) {
                    folders.put(name, new Quota(0, Quota.UNLIMITED, Quota.UNLIMITED));
                }
            }
        }
        return new SiteQuota(tenant, folders);
    }

    /** {@code a} with {@code q} written into it; no limit removes its attribute. */
    public static void writeTo(SiteQuota q, Map<String, String> a) {
        put(a, RealmAttributes.QUOTA_BYTES, q.tenant().bytes());
        put(a, RealmAttributes.QUOTA_FILES, q.tenant().files());
        put(a, RealmAttributes.MAX_FILE_SIZE, q.tenant().fileSize());
        String folders = AttributeValues.join(entries(q));
        if (folders == null) {
            a.remove(RealmAttributes.SHARED_FOLDER_QUOTAS);
        } else {
            a.put(RealmAttributes.SHARED_FOLDER_QUOTAS, folders);
        }
    }

    /** The shared folders' limits as the admin API shows them: {@code <folder> <bytes> <files>}, {@code -} for none. */
    public static List<String> entries(SiteQuota q) {
        List<String> out = new ArrayList<>();
        q.folders().forEach((name, f) -> out.add(name + " " + spelled(f.bytes()) + " " + spelled(f.files())));
        return out;
    }

    /** Shared folder limits as the admin API takes them; 400 {@code bad_request} naming the first bad entry. */
    public static Map<String, Quota> parseEntries(List<String> entries) {
        Map<String, Quota> out = new TreeMap<>();
        for (String e : entries) {
            Map.Entry<String, Quota> f = parseEntry(e == null ? "" : e);
            out.put(f.getKey(), f.getValue());
        }
        return out;
    }

    /** {@code <folder> <bytes> [<files>]}: a shared folder's name and its limits ({@code -}: none of that kind). */
    static Map.Entry<String, Quota> parseEntry(String entry) {
        String[] parts = entry.strip().split("\\s+");
        if (parts.length < 2 || parts.length > 3) {
            throw bad("shared folder quota \"" + entry + "\" is not <folder> <bytes> [<files>]");
        }
        SharedFolders.checkName(parts[0]);
        return Map.entry(parts[0], new Quota(limit(entry, parts[1]), parts.length == 3 ? limit(entry, parts[2])
                : Quota.UNLIMITED, Quota.UNLIMITED));
    }

    private static long limit(String entry, String v) {
        if (v.equals(NONE)) {
            return Quota.UNLIMITED;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw bad("shared folder quota \"" + entry + "\": " + v + " is not a number of bytes or files, 0 or more, or -");
    }

    private static boolean isFolderName(String name) {
        try {
            SharedFolders.checkName(name);
            return true;
        } catch (WharfException e) {
            return false;
        }
    }

    private static String spelled(long limit) {
        return limit == Quota.UNLIMITED ? NONE : Long.toString(limit);
    }

    private static void put(Map<String, String> a, String name, long limit) {
        if (limit == Quota.UNLIMITED) {
            a.remove(name);
        } else {
            a.put(name, Long.toString(limit));
        }
    }

    private static WharfException bad(String message) {
        return new WharfException(Reason.BAD_REQUEST, message);
    }
}
