package dev.wharf.core.quota;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

import java.util.Map;

/**
 * A user's storage limits, carried in its session grant and enforced by storage-service while an upload streams.
 * Each limit is a positive number, or {@link #UNLIMITED}.
 *
 * @param bytes    most bytes the files in the home folder may hold together
 * @param files    most files the home folder may hold
 * @param fileSize largest single file, anywhere the user writes (its home and the shared folders it mounts)
 */
public record Quota(long bytes, long files, long fileSize) {
    public static final long UNLIMITED = WireLimits.UNLIMITED;
    private static final String[] WIRE = {"bytes", "files", "fileSize"};
    /** No limits. */
    public static final Quota NONE = new Quota(UNLIMITED, UNLIMITED, UNLIMITED);

    public Quota {
        bytes = check("bytes", bytes);
        files = check("files", files);
        fileSize = check("fileSize", fileSize);
    }

    /** Whether no limit is set. */
    public boolean unlimited() {
        return bytes == UNLIMITED && files == UNLIMITED && fileSize == UNLIMITED;
    }

    /** Whether the home folder's totals are limited (usage must be counted). */
    public boolean countsUsage() {
        return bytes != UNLIMITED || files != UNLIMITED;
    }

    /**
     * The largest size a file may reach with this upload, or {@link #UNLIMITED}.
     *
     * @param used         what the home holds now (null: the file is outside the home, only the file size counts)
     * @param existingSize the size of the file the upload replaces or extends, or -1 for a new file
     * @throws WharfException {@code quota_exceeded} when a new file would pass the file count
     */
    public long maxSize(Usage used, long existingSize) {
        return maxSize(used, existingSize, "the home folder");
    }

    /**
     * {@link #maxSize(Usage, long)} of a folder other than the home (the tenant's namespace, a shared folder), named
     * by {@code where} in the refusal.
     */
    public long maxSize(Usage used, long existingSize, String where) {
        long max = fileSize;
        if (used != null) {
            if (files != UNLIMITED && existingSize < 0 && used.files() >= files) {
                throw new WharfException(Reason.QUOTA_EXCEEDED, where + " holds " + used.files()
                        + " files, the most allowed");
            }
            if (bytes != UNLIMITED) {
                long room = Math.max(0, bytes - used.bytes() + Math.max(0, existingSize));
                max = max == UNLIMITED ? room : Math.min(max, room);
            }
        }
        return max;
    }

    /** The wire form in grants and answers: the limits that are set. */
    public Map<String, Long> toWire() {
        return WireLimits.toWire(WIRE, bytes, files, fileSize);
    }

    /** Limits from their wire form; null or empty is {@link #NONE}. */
    public static Quota fromWire(Map<?, ?> wire) {
        if (wire == null || wire.isEmpty()) {
            return NONE;
        }
        return new Quota(WireLimits.read(wire, WIRE[0]), WireLimits.read(wire, WIRE[1]),
                WireLimits.read(wire, WIRE[2]));
    }

    private static long check(String name, long v) {
        if (v != UNLIMITED && v < 0) {
            throw new WharfException(Reason.BAD_REQUEST, name + " must be a positive number or absent (no limit)");
        }
        return v;
    }
}
