package dev.wharf.storage.quota;

import dev.wharf.api.grant.GrantClaims;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.access.SharedFolders;
import dev.wharf.core.quota.Quota;
import dev.wharf.core.quota.SiteQuota;
import dev.wharf.core.quota.Usage;
import dev.wharf.storage.access.CallerGrant;
import dev.wharf.storage.access.GrantScope;
import dev.wharf.storage.backend.StorageBackend;
import dev.wharf.storage.backend.StoragePath;
import dev.wharf.storage.backend.WriteMode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * How far an upload may go under the limits its grant carries ({@link Quota}, {@link SiteQuota}): the user's bytes
 * and files in the home folder, the shared folder's the upload goes to, the tenant's in its whole namespace (each
 * counted now by {@link UsageCounter}), and the largest file (the user's and the site's); the least room of them. The same answer serves the gateways'
 * question before an upload and storage-service's own stop while it streams.
 */
@RequestScoped
public class UploadAllowance {
    @Inject
    CallerGrant grant;

    @Inject
    StorageBackend backend;

    @Inject
    UsageCounter counter;

    /**
     * The most body bytes an upload to {@code at} in {@code mode} may send, or -1 for no limit.
     *
     * @throws WharfException {@code quota_exceeded} when not even an empty new file fits (the file count)
     */
    public long maxBody(StoragePath at, WriteMode mode) {
        long max = maxSize(at, mode);
        if (max < 0) {
            return -1;
        }
        long start = mode.append() ? existingSize(at) : mode.offset();
        return Math.max(0, max - Math.max(0, start));
    }

    /** The largest the whole file may grow with this upload, or -1 for no limit. */
    public long maxSize(StoragePath at, WriteMode mode) {
        GrantClaims c = grant.claims();
        Quota q = c == null ? Quota.NONE : c.quota();
        SiteQuota site = c == null ? SiteQuota.NONE : c.siteQuota();
        Map.Entry<String, Quota> folder = site.folderOf(at.path());
        if (q.unlimited() && site.tenant().unlimited() && folder == null) {
            return -1;
        }
        long existing = existingSize(at);
        Usage used = q.countsUsage() && GrantScope.within(c.home(), at.path())
                ? counter.usage(StoragePath.of(at.tenant(), c.home()))
                : null;
        long max = least(q.maxSize(used, existing), site.tenant().fileSize());
        if (folder != null) {
            String path = SharedFolders.path(folder.getKey());
            max = least(max, folder.getValue().maxSize(counter.usage(StoragePath.of(at.tenant(), path)), existing,
                    "the shared folder " + folder.getKey()));
        }
        if (site.tenant().countsUsage()) {
            // the tenant's whole namespace: every home and shared folder (the dearest count, done last)
            max = least(max, site.tenant().maxSize(counter.usage(StoragePath.of(at.tenant(), "/")), existing,
                    "the site"));
        }
        return max;
    }

    private static long least(long a, long b) {
        return a == Quota.UNLIMITED ? b : b == Quota.UNLIMITED ? a : Math.min(a, b);
    }

    /** Refuses before reading a byte when the announced length already passes {@code maxSize}. */
    public static void checkDeclared(long maxSize, long kept, long declared) {
        if (maxSize >= 0 && declared >= 0 && kept + declared > maxSize) {
            throw new WharfException(Reason.QUOTA_EXCEEDED, "the file would be " + (kept + declared)
                    + " bytes; the most allowed is " + maxSize);
        }
    }

    private long existingSize(StoragePath at) {
        try {
            var f = backend.stat(at);
            return f.directory() ? -1 : f.size();
        } catch (WharfException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return -1;
            }
            throw e;
        }
    }
}
