package dev.wharf.core.bandwidth;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

import dev.wharf.core.quota.WireLimits;

import java.util.Map;

/**
 * A user's transfer rate limits, carried in its session grant (renewals bring an administrator's change) and enforced
 * by the gateways' {@link Throttle}. Each limit is a positive number of bytes per second, or {@link #UNLIMITED}.
 *
 * @param upload   most bytes per second the session's uploads take together
 * @param download most bytes per second the session's downloads take together
 */
public record Bandwidth(long upload, long download) {
    public static final long UNLIMITED = WireLimits.UNLIMITED;
    private static final String[] WIRE = {"upload", "download"};
    /** No limits. */
    public static final Bandwidth NONE = new Bandwidth(UNLIMITED, UNLIMITED);

    public Bandwidth {
        upload = check("upload", upload);
        download = check("download", download);
    }

    /** Whether neither direction is limited. */
    public boolean unlimited() {
        return upload == UNLIMITED && download == UNLIMITED;
    }

    /** The wire form in grants and answers: the limits that are set ({@code upload}, {@code download}). */
    public Map<String, Long> toWire() {
        return WireLimits.toWire(WIRE, upload, download);
    }

    /** Limits from their wire form; null or empty is {@link #NONE}. */
    public static Bandwidth fromWire(Map<?, ?> wire) {
        if (wire == null || wire.isEmpty()) {
            return NONE;
        }
        return new Bandwidth(WireLimits.read(wire, WIRE[0]), WireLimits.read(wire, WIRE[1]));
    }

    private static long check(String name, long v) {
        if (v != UNLIMITED && v <= 0) {
            throw new WharfException(Reason.BAD_REQUEST, name + " must be a positive number of bytes per second or "
                    + "absent (no limit)");
        }
        return v;
    }
}
