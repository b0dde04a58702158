package dev.wharf.web.admin;

import java.util.List;
import java.util.Locale;

/**
 * A user's or the site's limits and storage use as the administrator's pages show them (issue 14): quotas against
 * what storage-service counted, bandwidth, expiry and sessions, each as one readable line ("none" for no limit),
 * and the same limits as the page's form fields show them ({@code form}).
 */
public record Limits(String used, String quota, String maxFileSize, String bandwidth, String expires,
                     String maxSessions, List<String> sharedFolderQuotas, LimitsForm form) {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    /** A user's limits (from identity-service's user answer). */
    static Limits of(AdminClient.User u) {
        return new Limits(used(u.usedBytes(), u.usedFiles()), quota(u.quotaBytes(), u.quotaFiles()),
                u.maxFileSize() == null ? "none" : bytes(u.maxFileSize()),
                bandwidth(u.uploadBytesPerSecond(), u.downloadBytesPerSecond()),
                u.expires() == null || u.expires().isBlank() ? "never" : u.expires(),
                u.maxSessions() == null ? "no limit" : Integer.toString(u.maxSessions()), List.of(),
                LimitsForm.of(u));
    }

    /** The site's quota and use, with its shared folders' quotas as the settings hold them. */
    static Limits of(AdminClient.SiteSettings s) {
        return new Limits(used(s.usedBytes(), s.usedFiles()), quota(s.quotaBytes(), s.quotaFiles()),
                s.maxFileSize() == null ? "none" : bytes(s.maxFileSize()), "none", "never", "no limit",
                s.sharedFolderQuotas() == null ? List.of() : s.sharedFolderQuotas(), LimitsForm.of(s));
    }

    static String used(Long usedBytes, Long usedFiles) {
        if (usedBytes == null) {
            return "not known now (storage-service did not answer)";
        }
        return bytes(usedBytes) + " in " + String.format(Locale.ROOT, "%,d", usedFiles == null ? 0 : usedFiles)
                + " files";
    }

    static String quota(Long quotaBytes, Long quotaFiles) {
        if (quotaBytes == null && quotaFiles == null) {
            return "none";
        }
        return (quotaBytes == null ? "any size" : bytes(quotaBytes)) + ", "
                + (quotaFiles == null ? "any number of files" : String.format(Locale.ROOT, "%,d files", quotaFiles));
    }

    static String bandwidth(Long up, Long down) {
        if (up == null && down == null) {
            return "none";
        }
        return "upload " + (up == null ? "unlimited" : bytes(up) + "/s") + ", download "
                + (down == null ? "unlimited" : bytes(down) + "/s");
    }

    /** Exact bytes, and the binary unit beside it from 1 KiB on: {@code 1,048,576 bytes (1.0 MiB)}. */
    static String bytes(long n) {
        String exact = String.format(Locale.ROOT, "%,d bytes", n);
        double v = n;
        int unit = -1;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return unit < 0 ? exact : exact + String.format(Locale.ROOT, " (%.1f %s)", v, UNITS[unit]);
    }
}
