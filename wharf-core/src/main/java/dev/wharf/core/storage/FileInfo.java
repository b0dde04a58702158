package dev.wharf.core.storage;

import java.time.Instant;

/**
 * A file or folder as storage-service presents it.
 *
 * @param path     absolute path inside the tenant's namespace, {@code /} separated, no trailing slash
 * @param sha256   lowercase hex SHA-256 computed while the file was uploaded; null for folders or unknown
 */
public record FileInfo(String name, String path, boolean directory, long size, Instant modified, String sha256) {
}
