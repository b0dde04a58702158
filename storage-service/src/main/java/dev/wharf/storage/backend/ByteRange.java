package dev.wharf.storage.backend;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

/**
 * One byte range of a download: {@code first} to {@code last} inclusive, or to the end when {@code last} is -1.
 * Only the forms a resuming client sends are accepted: {@code bytes=N-} and {@code bytes=N-M}.
 */
public record ByteRange(long first, long last) {
    /** The whole file. */
    public static final ByteRange ALL = new ByteRange(0, -1);

    public ByteRange {
        if (first < 0 || (last != -1 && last < first)) {
            throw new WharfException(Reason.BAD_REQUEST, "invalid byte range " + first + "-" + last);
        }
    }

    /** Parses a {@code Range} header; null or blank means the whole file. */
    public static ByteRange parse(String header) {
        if (header == null || header.isBlank()) {
            return ALL;
        }
        String h = header.strip();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
            throw unsupported();
        }
        String spec = h.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash <= 0) {
            throw unsupported(); // also the suffix form bytes=-N
        }
        try {
            long first = Long.parseLong(spec.substring(0, dash).strip());
            String end = spec.substring(dash + 1).strip();
            return new ByteRange(first, end.isEmpty() ? -1 : Long.parseLong(end));
        } catch (NumberFormatException e) {
            throw unsupported();
        }
    }

    public boolean isAll() {
        return first == 0 && last == -1;
    }

    /** Bytes this range covers in a file of {@code size} bytes (0 when it starts at the end). */
    public long length(long size) {
        long end = last == -1 ? size - 1 : Math.min(last, size - 1);
        return Math.max(0, end - first + 1);
    }

    /** Throws {@code invalid_offset} when the range starts beyond the end; starting exactly at the end is allowed. */
    public void checkWithin(long size) {
        if (first > size) {
            throw new WharfException(Reason.INVALID_OFFSET, "range starts at " + first + ", beyond the end (" + size + " bytes)");
        }
    }

    private static WharfException unsupported() {
        return new WharfException(Reason.BAD_REQUEST, "Range must be bytes=N- or bytes=N-M (one range)");
    }
}
