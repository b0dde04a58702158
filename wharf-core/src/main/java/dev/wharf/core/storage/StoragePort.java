package dev.wharf.core.storage;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Files in a tenant's namespace (storage-service). Paths are absolute inside the tenant, already confined
 * to the user's home by the caller ({@link dev.wharf.core.files.FileOperations}). Failures throw
 * {@link dev.wharf.core.WharfException} with a file reason (not_found, already_exists, ...).
 */
public interface StoragePort {
    FileInfo stat(String tenant, String path);

    List<FileInfo> list(String tenant, String directory);

    /** Streams the file from {@code offset} (resume); the caller closes the stream. */
    InputStream openRead(String tenant, String path, long offset);

    /**
     * Starts an upload. {@code offset} 0 replaces the file; a positive offset resumes: the existing first
     * {@code offset} bytes are kept and the stream continues from there. {@code append} writes after the end.
     */
    Upload openWrite(String tenant, String path, long offset, boolean append);

    void delete(String tenant, String path);

    void mkdir(String tenant, String path);

    void rmdir(String tenant, String path);

    void rename(String tenant, String from, String to);

    void setModified(String tenant, String path, Instant modified);
}
