package dev.wharf.web.admin;

import dev.wharf.core.Reason;
import dev.wharf.web.files.ExplainedRefusal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limits forms of the administrator's user and Settings pages (issue 14): the values as the fields show them
 * (sizes in the largest whole binary unit, {@code 50G}; empty for no limit), and what an administrator typed read
 * back as the admin API takes it (empty: the limit is removed, {@code -1}). Typing that does not read as a limit is
 * refused with a message that says what the field wants, before anything is sent.
 *
 * @param quotaBytes    most bytes of the home (or of the site)
 * @param quotaFiles    most files
 * @param maxFileSize   largest file
 * @param uploadRate    upload bytes per second (users only)
 * @param downloadRate  download bytes per second (users only)
 * @param expires       last day the account may log in, {@code yyyy-mm-dd} (users only)
 * @param maxSessions   sessions open at once (users only)
 * @param folderQuotas  the shared folders' limits one a line (the Settings page only)
 */
public record LimitsForm(String quotaBytes, String quotaFiles, String maxFileSize, String uploadRate,
                         String downloadRate, String expires, String maxSessions, String folderQuotas) {
    /** The admin API's "no limit" in an update. */
    static final long REMOVE = -1;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(?:([kmgt])(?:i?b)?|b|bytes?)?");
    private static final Pattern COUNT = Pattern.compile("\\d{1,12}");
    private static final String[] UNITS = {"", "K", "M", "G", "T"};

    static LimitsForm of(AdminClient.User u) {
        return new LimitsForm(size(u.quotaBytes()), count(u.quotaFiles()), size(u.maxFileSize()),
                size(u.uploadBytesPerSecond()), size(u.downloadBytesPerSecond()),
                u.expires() == null ? "" : u.expires(), u.maxSessions() == null ? "" : u.maxSessions().toString(), "");
    }

    static LimitsForm of(AdminClient.SiteSettings s) {
        return new LimitsForm(size(s.quotaBytes()), count(s.quotaFiles()), size(s.maxFileSize()), "", "", "", "",
                FormValues.lines(s.sharedFolderQuotas()));
    }

    /** A size as a field shows it: the largest binary unit it is a whole number of ({@code 1048576} is {@code 1M}). */
    static String size(Long bytes) {
        if (bytes == null) {
            return "";
        }
        long v = bytes;
        int unit = 0;
        while (v != 0 && v % 1024 == 0 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return v + UNITS[unit];
    }

    private static String count(Long n) {
        return n == null ? "" : n.toString();
    }

    /**
     * A typed size: a whole number with an optional unit K, M, G or T (powers of 1024, as the CLI's; {@code KB},
     * {@code KiB} read the same), or bytes; empty: {@link #REMOVE}.
     *
     * @param what how the refusal names the field ("quota")
     */
    static long bytes(String what, String typed) {
        if (typed == null || typed.isBlank()) {
            return REMOVE;
        }
        Matcher m = SIZE.matcher(typed.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw bad(what + " must be a number of bytes like 50GB (K, M, G and T count in 1024s), or empty for no "
                    + "limit; \"" + shown(typed) + "\" is not one");
        }
        int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 40;
        };
        long n = Long.parseLong(m.group(1));
        if (n > (Long.MAX_VALUE >> shift)) {
            throw bad(what + " \"" + shown(typed) + "\" is too large");
        }
        return n << shift;
    }

    /** A typed whole number (files, sessions); empty: {@link #REMOVE}. */
    static long count(String what, String typed) {
        if (typed == null || typed.isBlank()) {
            return REMOVE;
        }
        String s = typed.strip().replace(",", "");
        if (!COUNT.matcher(s).matches()) {
            throw bad(what + " must be a whole number like 1000, or empty for no limit; \"" + shown(typed)
                    + "\" is not one");
        }
        return Long.parseLong(s);
    }

    /** A typed day ({@code yyyy-mm-dd}, as a date field sends it); empty: {@code ""}, the account never expires. */
    static String day(String what, String typed) {
        if (typed == null || typed.isBlank()) {
            return "";
        }
        try {
            return LocalDate.parse(typed.strip()).toString();
        } catch (DateTimeParseException e) {
            throw bad(what + " must be a date like 2027-12-31, or empty for never; \"" + shown(typed)
                    + "\" is not one");
        }
    }

    /** A typed number of days where empty or 0 means none (the password's maximum age). */
    static int days(String what, String typed) {
        long n = count(what, typed);
        return n == REMOVE ? 0 : (int) Math.min(Integer.MAX_VALUE, n);
    }

    /** What was typed, short and printable, for the refusal. */
    private static String shown(String typed) {
        String s = typed.strip().replaceAll("\\p{Cntrl}", "?");
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static ExplainedRefusal bad(String message) {
        return new ExplainedRefusal(Reason.BAD_REQUEST, message, null);
    }
}
