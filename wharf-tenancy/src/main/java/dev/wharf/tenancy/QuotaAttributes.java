package dev.wharf.tenancy;

import dev.wharf.core.WharfException;
import dev.wharf.core.quota.Quota;

import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A user's storage limits, read from its {@link UserAttributes#QUOTA_BYTES}, {@link UserAttributes#QUOTA_FILES} and
 * {@link UserAttributes#MAX_FILE_SIZE} values. A value that does not parse (written around the admin API, which
 * checks every limit) reads as 0, so a typo stops uploads rather than lifting a limit.
 */
public final class QuotaAttributes {
    private static final Logger LOG = Logger.getLogger(QuotaAttributes.class.getName());

    private QuotaAttributes() {
    }

    public static Quota read(Map<String, List<String>> attributes) {
        return new Quota(limit(attributes, UserAttributes.QUOTA_BYTES), limit(attributes, UserAttributes.QUOTA_FILES),
                limit(attributes, UserAttributes.MAX_FILE_SIZE));
    }

    private static long limit(Map<String, List<String>> attributes, String name) {
        List<String> values = attributes.get(name);
        if (values == null || values.isEmpty() || values.getFirst() == null || values.getFirst().isBlank()) {
            return Quota.UNLIMITED;
        }
        try {
            long v = Long.parseLong(values.getFirst().strip());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // logged below
        }
        LOG.warning("malformed " + name + " of a user: read as 0 until it is corrected");
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
