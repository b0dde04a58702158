package dev.wharf.audit.spool;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how large the audit spool is.
 *
 * @param directory    this process's own spool directory; nobody else writes there
 * @param maxBytes     events not yet acknowledged by Kafka may take this many bytes; beyond it publish refuses
 * @param headroom     bytes kept for the events of work already started: new logins and transfers are refused once
 *                     less than this is left, so a transfer in flight can still record its end
 * @param segmentBytes a segment file is closed and a new one started past this size; a segment is deleted once
 *                     Kafka acknowledged all of it
 */
public record SpoolSettings(Path directory, long maxBytes, long headroom, long segmentBytes) {
    /** Smallest spool accepted: a few events (tests use it to fill the spool quickly). */
    public static final long MIN_BYTES = 4 * 1024;

    public SpoolSettings {
        Objects.requireNonNull(directory, "wharf.audit.spool.directory");
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException("wharf.audit.spool.max-size must be at least " + MIN_BYTES
                    + " bytes, got " + maxBytes);
        }
        if (headroom < 0 || headroom >= maxBytes) {
            throw new IllegalArgumentException("wharf.audit.spool.headroom must be at least 0 and less than max-size ("
                    + maxBytes + "), got " + headroom);
        }
        if (segmentBytes < MIN_BYTES) {
            throw new IllegalArgumentException("wharf.audit.spool.segment-size must be at least " + MIN_BYTES
                    + " bytes, got " + segmentBytes);
        }
    }

    /** The production defaults: 1 GiB, of which 16 MiB headroom, in 64 MiB segments. */
    public static SpoolSettings defaults(Path directory) {
        return new SpoolSettings(directory, 1L << 30, 16L << 20, 64L << 20);
    }

    public SpoolSettings withMaxBytes(long max, long headroomBytes) {
        return new SpoolSettings(directory, max, headroomBytes, Math.min(segmentBytes, max));
    }

    public SpoolSettings withSegmentBytes(long bytes) {
        return new SpoolSettings(directory, maxBytes, headroom, bytes);
    }
}
