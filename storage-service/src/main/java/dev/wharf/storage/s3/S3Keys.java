package dev.wharf.storage.s3;

import dev.wharf.storage.backend.StoragePath;

/**
 * How tenant paths map to object keys: a file {@code /a/b} of tenant {@code t} is {@code t/a/b}; a folder is the
 * prefix {@code t/a/}, made explicit by a zero-byte marker object of that name. Tenant ids cannot contain {@code /},
 * so one tenant's prefix never contains another's.
 */
final class S3Keys {
    private S3Keys() {
    }

    /** The key of the file at {@code path} (not the root). */
    static String file(StoragePath path) {
        return path.tenant() + path.path();
    }

    /** The prefix of everything inside the folder {@code path}, which is also the key of its marker. */
    static String folder(StoragePath path) {
        return path.isRoot() ? path.tenant() + "/" : path.tenant() + path.path() + "/";
    }
}
