package dev.wharf.core.storage;

import dev.wharf.core.grant.SessionGrant;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Files in a tenant's namespace (storage-service), reached with a session's {@link SessionGrant}: the grant names
 * the tenant, and storage-service refuses a call whose grant is missing, expired or for another tenant or home.
 * Paths are absolute inside the tenant, already confined to the user's home by the caller
 * ({@link dev.wharf.core.files.FileOperations}). Failures throw
 * {@link dev.wharf.core.WharfException} with a file reason (not_found, already_exists, ...).
 */
public interface StoragePort {
    FileInfo stat(SessionGrant grant, String path);

    List<FileInfo> list(SessionGrant grant, String directory);

    /** Streams the file from {@code offset} (resume); the caller closes the stream. */
    InputStream openRead(SessionGrant grant, String path, long offset);

    /**
     * Starts an upload. {@code offset} 0 replaces the file; a positive offset resumes: the existing first
     * {@code offset} bytes are kept and the stream continues from there. {@code append} writes after the end.
     */
    Upload openWrite(SessionGrant grant, String path, long offset, boolean append);

    void delete(SessionGrant grant, String path);

    void mkdir(SessionGrant grant, String path);

    void rmdir(SessionGrant grant, String path);

    void rename(SessionGrant grant, String from, String to);

    void setModified(SessionGrant grant, String path, Instant modified);

    /**
     * The most body bytes an upload to {@code path} may send under the grant's storage limits, or -1 for no limit;
     * {@code quota_exceeded} when not even an empty new file fits. The gateways stop an upload that passes it
     * (storage-service stops it too); a store without limits answers -1.
     */
    default long uploadAllowance(SessionGrant grant, String path, long offset, boolean append) {
        return -1;
    }
}
