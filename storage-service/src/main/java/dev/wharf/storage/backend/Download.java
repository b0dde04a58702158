package dev.wharf.storage.backend;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * An opened file: the bytes of the requested range and what the response headers need.
 *
 * @param size   the whole file's size
 * @param first  offset of the first byte in {@code body}
 * @param length number of bytes in {@code body}
 * @param sha256 lowercase hex SHA-256 of the whole file, or null when unknown
 */
public record Download(InputStream body, long size, long first, long length, String sha256, Instant modified)
        implements Closeable {
    @Override
    public void close() throws IOException {
        body.close();
    }
}
