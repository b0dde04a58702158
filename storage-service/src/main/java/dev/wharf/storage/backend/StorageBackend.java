package dev.wharf.storage.backend;

import dev.wharf.core.storage.FileInfo;
import dev.wharf.core.storage.UploadResult;

import java.time.Instant;
import java.util.List;

/**
 * Where files live. One implementation per package ({@code local}, {@code s3}); a new backend is a new package and a
 * branch in {@link BackendProducer}, nothing else. Every method throws {@link dev.wharf.core.WharfException} with a
 * file reason ({@code not_found}, {@code already_exists}, ...) for refusals, and {@code service_unavailable} when
 * the store cannot be reached.
 *
 * <p>Shared semantics, checked by the contract tests: paths are already validated; the tenant root always exists;
 * an upload is atomic (visible whole or not at all) and carries the SHA-256 of its whole content; folders are
 * created as needed above an upload, a new folder or a rename target.
 */
public interface StorageBackend {
    /** Short name for logs and metrics tags ({@code local}, {@code s3}). */
    String kind();

    FileInfo stat(StoragePath path);

    /** The folder's children, sorted by name; {@code not_a_directory} for a file. */
    List<FileInfo> list(StoragePath folder);

    /** Opens a file for reading from {@code range}; the caller closes the returned body. */
    Download read(StoragePath path, ByteRange range);

    /** Streams {@code body} into the file as {@code mode} says and commits it atomically. */
    UploadResult write(StoragePath path, WriteMode mode, UploadBody body);

    /** Deletes a file; {@code is_a_directory} for a folder. */
    void delete(StoragePath path);

    void mkdir(StoragePath path);

    /** Removes an empty folder. */
    void rmdir(StoragePath path);

    /** Moves a file or a folder; a file target is replaced, a folder target is refused with {@code already_exists}. */
    void rename(StoragePath from, StoragePath to);

    void setModified(StoragePath path, Instant modified);

    /**
     * Removes every file and folder of {@code tenant} (a deleted tenant); answers how many files and folders went.
     * Idempotent: a tenant without files answers 0. The tenant's root reads as empty afterwards, as for a new tenant.
     */
    long purgeTenant(String tenant);

    /** Throws when the backend cannot serve requests (readiness). */
    void checkReady();
}
