package dev.wharf.tenancy;

import dev.wharf.core.WharfException;
import dev.wharf.core.bandwidth.Bandwidth;
import dev.wharf.core.quota.Quota;

import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A user's storage limits, read from its {@link UserAttributes#QUOTA_BYTES}, {@link UserAttributes#QUOTA_FILES} and
 * {@link UserAttributes#MAX_FILE_SIZE} values, and its transfer rate limits ({@link #bandwidth}). A value that does
 * not parse (written around the admin API, which checks every limit) reads as 0, so a typo stops uploads rather than
 * lifting a limit; a rate reads as the slowest allowed, {@link #MIN_BYTES_PER_SECOND}.
 */
public final class QuotaAttributes {
    private static final Logger LOG = Logger.getLogger(QuotaAttributes.class.getName());

    /** The slowest rate limit the admin API takes, 1 KiB/s: slower would hold a transfer's thread for hours. */
    public static final long MIN_BYTES_PER_SECOND = 1024;

    private QuotaAttributes() {
    }

    public static Quota read(Map<String, List<String>> attributes) {
        return new Quota(limit(attributes, UserAttributes.QUOTA_BYTES), limit(attributes, UserAttributes.QUOTA_FILES),
                limit(attributes, UserAttributes.MAX_FILE_SIZE));
    }

    /** The user's upload and download rate limits. */
    public static Bandwidth bandwidth(Map<String, List<String>> attributes) {
        return new Bandwidth(rate(attributes, UserAttributes.UPLOAD_BYTES_PER_SECOND),
                rate(attributes, UserAttributes.DOWNLOAD_BYTES_PER_SECOND));
    }

    private static long rate(Map<String, List<String>> attributes, String name) {
        long v = limit(attributes, name);
        return v == Quota.UNLIMITED ? v : Math.max(MIN_BYTES_PER_SECOND, v);
    }

    /** A rate limit as the admin API takes it: null keeps it, {@link #MIN_BYTES_PER_SECOND} or more sets it, -1 removes it. */
    public static Long checkedRate(String name, Long value) {
        if (value != null && value != Quota.UNLIMITED && value < MIN_BYTES_PER_SECOND) {
            throw new WharfException(dev.wharf.core.Reason.BAD_REQUEST, name + " is a number of bytes per second, "
                    + MIN_BYTES_PER_SECOND + " or more, or -1 to remove the limit");
        }
        return value;
    }

    private static long limit(Map<String, List<String>> attributes, String name) {
        List<String> values = attributes.get(name);
        return stored(values == null || values.isEmpty() ? null : values.getFirst(), name);
    }

    /** A stored limit: absent or blank is no limit, one that does not parse 0 (logged). */
    static long stored(String value, String name) {
        if (value == null || value.isBlank()) {
            return Quota.UNLIMITED;
        }
        try {
            long v = Long.parseLong(value.strip());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // logged below
        }
        LOG.warning("malformed " + name + ": read as 0 until it is corrected");
        return 0;
    }

    /** A limit as the admin API takes it: null keeps it, 0 or more sets it, -1 removes it; 400 else. */
    public static Long checked(String name, Long value) {
        if (value != null && value < Quota.UNLIMITED) {
            throw new WharfException(dev.wharf.core.Reason.BAD_REQUEST, name + " is a number of bytes or files, 0 or "
                    + "more, or -1 to remove the limit");
        }
        return value;
    }
}
