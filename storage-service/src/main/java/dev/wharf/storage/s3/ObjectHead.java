package dev.wharf.storage.s3;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What a HEAD (or GET) says about one object, with Wharf's metadata read out of it.
 *
 * @param metadata user metadata, keys without the {@code x-amz-meta-} prefix
 */
record ObjectHead(String key, long size, Instant lastModified, String eTag, Map<String, String> metadata) {
    /** Metadata key of the lowercase hex SHA-256 of the whole content. */
    static final String SHA256 = "sha256";
    /** Metadata key of the modification time (ISO-8601) that clients set or that survives a copy. */
    static final String MTIME = "mtime";

    /** The SHA-256 Wharf stored, or null (written by something else, or being stamped after a multipart upload). */
    String sha256() {
        String v = metadata.get(SHA256);
        return v != null && v.matches("[0-9a-f]{64}") ? v : null;
    }

    /** The modification time: Wharf's metadata when present, else the store's LastModified. */
    Instant modified() {
        return modified(metadata, lastModified);
    }

    static Instant modified(Map<String, String> metadata, Instant lastModified) {
        String v = metadata.get(MTIME);
        if (v != null) {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException ignored) {
                // written by something else: fall back to the store's time
            }
        }
        return lastModified == null ? Instant.EPOCH : lastModified;
    }
}
