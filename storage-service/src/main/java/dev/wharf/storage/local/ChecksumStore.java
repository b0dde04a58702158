package dev.wharf.storage.local;

import dev.wharf.storage.backend.StoragePath;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Keeps each file's SHA-256 beside its bytes, so that stat and list answer without reading the content. A stored
 * value is only believed while it still matches the file (same size, and for sidecars the same inode): a stale or
 * foreign value reads as unknown, never as a wrong checksum.
 */
interface ChecksumStore {
    /** Short name for the log ({@code xattr}, {@code sidecar}). */
    String kind();

    /** Called on the staged file before it is moved into place. */
    void beforeCommit(Path staged, String sha256, long size) throws IOException;

    /** Called once the file is in place at {@code file}. */
    void afterCommit(Path file, StoragePath path, String sha256, long size) throws IOException;

    /** The stored SHA-256 of {@code file}, or null when none is stored or it no longer matches. */
    String read(Path file, StoragePath path, BasicFileAttributes attrs);

    /** The file at {@code path} was deleted. */
    void deleted(StoragePath path);

    /** The (empty) folder at {@code path} was removed. */
    void folderRemoved(StoragePath path);

    /** The file or folder at {@code from} now lives at {@code to}. */
    void moved(StoragePath from, StoragePath to, boolean folder);

    /** A parseable stored value: {@code <sha256> <size>[ <file key>]}. */
    record Stored(String sha256, long size, String fileKey) {
        static Stored parse(String value) {
            String[] parts = value.strip().split(" ", 3);
            if (parts.length < 2 || !parts[0].matches("[0-9a-f]{64}")) {
                return null;
            }
            try {
                return new Stored(parts[0], Long.parseLong(parts[1]), parts.length == 3 ? parts[2] : null);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        String format() {
            return fileKey == null ? sha256 + " " + size : sha256 + " " + size + " " + fileKey;
        }
    }
}
