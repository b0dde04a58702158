package dev.wharf.storage.quota;

import dev.wharf.api.grant.GrantClaims;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.access.SharedFolders;
import dev.wharf.core.quota.Quota;
import dev.wharf.core.quota.SiteQuota;
import dev.wharf.core.quota.Usage;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.storage.access.CallerGrant;
import dev.wharf.storage.access.GrantScope;
import dev.wharf.storage.backend.StorageBackend;
import dev.wharf.storage.backend.StoragePath;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a rename (a move) fits the limits of the folder it moves into: a file or folder that comes into the
 * user's home from outside it (a shared folder), or into a shared folder with a quota from outside that folder,
 * adds its bytes and files there, as an upload would (issue 14). The tenant's quota is not asked: a move inside the
 * tenant changes nothing of its totals. The largest file is an upload's limit and is not asked either: a move makes
 * no file larger.
 */
@RequestScoped
public class MoveAllowance {
    @Inject
    CallerGrant grant;

    @Inject
    StorageBackend backend;

    @Inject
    UsageCounter counter;

    /** One limited folder: where it is, its limits, and how a refusal names it. */
    private record Scope(String path, Quota quota, String name) {
    }

    /**
     * Refuses with {@code quota_exceeded} when moving {@code from} to {@code to} would pass a limit of a folder
     * {@code to} is in and {@code from} is not; a missing {@code from} is left to the rename to refuse.
     */
    public void check(StoragePath from, StoragePath to) {
        List<Scope> entered = entered(from.path(), to.path());
        if (entered.isEmpty()) {
            return;
        }
        Usage moving = sizeOf(from);
        if (moving == null) {
            return;
        }
        Usage replaced = replacedBy(to);
        for (Scope s : entered) {
            Usage used = counter.usage(StoragePath.of(to.tenant(), s.path()));
            long bytes = used.bytes() - replaced.bytes() + moving.bytes();
            long files = used.files() - replaced.files() + moving.files();
            if (s.quota().bytes() != Quota.UNLIMITED && bytes > s.quota().bytes()) {
                throw new WharfException(Reason.QUOTA_EXCEEDED, s.name() + " would hold " + bytes
                        + " bytes with what moves in; the most allowed is " + s.quota().bytes());
            }
            if (s.quota().files() != Quota.UNLIMITED && files > s.quota().files()) {
                throw new WharfException(Reason.QUOTA_EXCEEDED, s.name() + " would hold " + files
                        + " files with what moves in; the most allowed is " + s.quota().files());
            }
        }
    }

    /** The limited folders {@code to} is in and {@code from} is not. */
    private List<Scope> entered(String from, String to) {
        GrantClaims c = grant.claims();
        if (c == null) {
            return List.of();
        }
        List<Scope> out = new ArrayList<>();
        if (c.quota().countsUsage() && GrantScope.within(c.home(), to) && !GrantScope.within(c.home(), from)) {
            out.add(new Scope(c.home(), c.quota(), "the home folder"));
        }
        SiteQuota site = c.siteQuota();
        Map.Entry<String, Quota> folder = site.folderOf(to);
        if (folder != null) {
            String path = SharedFolders.path(folder.getKey());
            if (!GrantScope.within(path, from)) {
                out.add(new Scope(path, folder.getValue(), "the shared folder " + folder.getKey()));
            }
        }
        return out;
    }

    /** What moves: a file's size, a folder's contents; null when {@code from} does not exist. */
    private Usage sizeOf(StoragePath from) {
        FileInfo f = statOrNull(from);
        if (f == null) {
            return null;
        }
        return f.directory() ? counter.usage(from) : new Usage(f.size(), 1);
    }

    /** The file the move replaces (a rename onto a file replaces it), or nothing. */
    private Usage replacedBy(StoragePath to) {
        FileInfo f = statOrNull(to);
        return f == null || f.directory() ? Usage.EMPTY : new Usage(f.size(), 1);
    }

    private FileInfo statOrNull(StoragePath p) {
        try {
            return backend.stat(p);
        } catch (WharfException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }
}
