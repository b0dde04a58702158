package dev.wharf.storage.backend;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a backend writes for one upload: the kept prefix of the old file followed by the request body, hashed with
 * SHA-256 and counted as it streams through.
 *
 * <p>Failures say whose fault they are: a body that breaks off or ends before its declared length throws
 * {@link WharfException} {@code upload_aborted}; a prefix shorter than expected (the file shrank meanwhile) throws
 * {@code invalid_offset}; a file that grows past its {@link UploadBody#maxSize()} throws {@code quota_exceeded}.
 * Backends discard everything on any exception.
 */
public final class UploadContent extends InputStream {
    private final InputStream prefix;
    private final long prefixLength;
    private final InputStream body;
    private final long declaredLength;
    private final long maxSize;
    private final MessageDigest digest;
    private long prefixRead;
    private long bodyRead;
    private boolean ended;

    UploadContent(InputStream prefix, long prefixLength, UploadBody body) {
        this.prefix = prefix;
        this.prefixLength = prefixLength;
        this.body = body.stream();
        this.declaredLength = body.declaredLength();
        this.maxSize = body.maxSize();
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (prefixRead < prefixLength) {
            int n = prefix.read(b, off, (int) Math.min(len, prefixLength - prefixRead));
            if (n < 0) {
                throw new WharfException(Reason.INVALID_OFFSET,
                        "the existing file is shorter than the resume offset (" + prefixLength + " bytes): it changed meanwhile");
            }
            prefixRead += n;
            digest.update(b, off, n);
            return n;
        }
        if (ended) {
            return -1;
        }
        int n;
        try {
            n = body.read(b, off, len);
        } catch (IOException e) {
            throw new WharfException(Reason.UPLOAD_ABORTED,
                    "the request body broke off after " + bodyRead + " bytes (" + e.getClass().getSimpleName() + ")", e);
        }
        if (n < 0) {
            ended = true;
            if (declaredLength >= 0 && bodyRead != declaredLength) {
                throw new WharfException(Reason.UPLOAD_ABORTED,
                        "the request body ended after " + bodyRead + " of " + declaredLength + " bytes");
            }
            return -1;
        }
        bodyRead += n;
        if (maxSize >= 0 && prefixRead + bodyRead > maxSize) {
            throw new WharfException(Reason.QUOTA_EXCEEDED, "the file would pass " + maxSize + " bytes, the most its"
                    + " quota or the largest file allowed leaves");
        }
        digest.update(b, off, n);
        return n;
    }

    /** Reads until {@code buffer} is full or the content ends; returns the bytes read (0 at the end). */
    public int readFully(byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    /** Total bytes so far: kept prefix plus body. */
    public long size() {
        return prefixRead + bodyRead;
    }

    /** Bytes of the request body read so far. */
    public long bodyBytes() {
        return bodyRead;
    }

    /** Lowercase hex SHA-256 of everything read; call once, after the content ended. */
    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() throws IOException {
        prefix.close();
    }
}
