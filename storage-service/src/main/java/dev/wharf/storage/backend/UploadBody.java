package dev.wharf.storage.backend;

import java.io.InputStream;

/**
 * The request body of an upload, not read yet.
 *
 * @param declaredLength the Content-Length the client announced, or -1 (chunked): a body that ends before it is
 *                       an aborted upload even if the stream reports a clean end
 * @param maxSize        the largest the whole file may grow (kept prefix and body), or -1: passing it stops the
 *                       upload with {@code quota_exceeded}, and nothing is stored
 */
public record UploadBody(InputStream stream, long declaredLength, long maxSize) {
    /** A body without a size limit. */
    public UploadBody(InputStream stream, long declaredLength) {
        this(stream, declaredLength, -1);
    }

    /** The upload's whole content: {@code prefixLength} bytes kept from {@code prefix}, then this body. */
    public UploadContent content(InputStream prefix, long prefixLength) {
        return new UploadContent(prefix, prefixLength, this);
    }

    /** The upload's content when nothing of an existing file is kept. */
    public UploadContent content() {
        return new UploadContent(InputStream.nullInputStream(), 0, this);
    }
}
