package dev.wharf.storage.quota;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.quota.Usage;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.storage.backend.StorageBackend;
import dev.wharf.storage.backend.StoragePath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Counts what a folder holds by listing it in the backend, every time it is asked. The backend is the one record
 * every replica shares and that survives restarts, so the count is right across both without a usage table to keep
 * in step; its cost grows with the folder's entries (measured in bench/, see docs/DECISIONS.md).
 */
@ApplicationScoped
public class UsageCounter {
    /** Most entries one count visits: a folder beyond it is refused rather than counted for minutes. */
    static final int MAX_ENTRIES = 1_000_000;

    @Inject
    StorageBackend backend;

    /** The bytes and files in {@code folder} and below it; an absent folder holds nothing. */
    public Usage usage(StoragePath folder) {
        return count(backend, folder);
    }

    /** {@link #usage} on {@code backend} (also for bench/access-cost, which has no CDI). */
    public static Usage count(StorageBackend backend, StoragePath folder) {
        long bytes = 0;
        long files = 0;
        long visited = 0;
        Deque<StoragePath> todo = new ArrayDeque<>();
        todo.push(folder);
        while (!todo.isEmpty()) {
            StoragePath dir = todo.pop();
            java.util.List<FileInfo> children;
            try {
                children = backend.list(dir);
            } catch (WharfException e) {
                if (e.reason() == Reason.NOT_FOUND || e.reason() == Reason.NOT_A_DIRECTORY) {
                    continue;
                }
                throw e;
            }
            for (FileInfo f : children) {
                if (++visited > MAX_ENTRIES) {
                    throw new WharfException(Reason.SERVICE_UNAVAILABLE, "more than " + MAX_ENTRIES
                            + " entries below " + folder + ": its usage is not counted");
                }
                if (f.directory()) {
                    todo.push(dir.child(f.name()));
                } else {
                    bytes += f.size();
                    files++;
                }
            }
        }
        return new Usage(bytes, files);
    }
}
