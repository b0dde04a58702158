package dev.wharf.identity.tenant;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.identity.user.CidrSyntax;
import dev.wharf.identity.user.UserAttributes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Site settings to and from realm attributes (the names policy-service reads), and their validation: an update is
 * checked whole before anything is written, so a bad field changes nothing.
 */
public final class SiteAttributes {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_ENTRIES = 1000;

    private SiteAttributes() {
    }

    /** The settings a realm's attributes say; missing or unreadable values read as their default. */
    public static SiteSettings read(Map<String, String> a) {
        return new SiteSettings(graceSeconds(a.get(TenantDefaults.OTP_GRACE_SECONDS)),
                "true".equals(a.get(TenantDefaults.PLAIN_FTP)),
                "true".equals(a.get(TenantDefaults.PROTOCOLS_PER_GROUP)),
                UserAttributes.split(a.get(TenantDefaults.ALLOWED_CIDRS)),
                UserAttributes.split(a.get(TenantDefaults.ALLOWED_COUNTRIES)),
                UserAttributes.split(a.get(TenantDefaults.DENIED_COUNTRIES)),
                UserAttributes.split(a.get(TenantDefaults.HOSTNAMES)));
    }

    /** The tenant's own host names (realm attribute), in order. */
    public static List<String> hostnames(Map<String, String> a) {
        return UserAttributes.split(a.get(TenantDefaults.HOSTNAMES));
    }

    /** Seconds of the 2FA grace window; 0 when unset or not a number, clamped to the allowed range. */
    public static long graceSeconds(String v) {
        try {
            long s = v == null ? 0 : Long.parseLong(v.strip());
            return Math.clamp(s, 0, TenantDefaults.MAX_OTP_GRACE_SECONDS);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The attributes after the update {@code req}, or 400 {@code bad_request} naming the first bad field. */
    public static Map<String, String> apply(Map<String, String> current, SiteSettings req) {
        Map<String, String> a = new HashMap<>(current);
        Long grace = req.otpGraceSeconds();
        if (grace != null) {
            if (grace < 0 || grace > TenantDefaults.MAX_OTP_GRACE_SECONDS) {
                throw bad("otpGraceSeconds must be 0 to " + TenantDefaults.MAX_OTP_GRACE_SECONDS);
            }
            a.put(TenantDefaults.OTP_GRACE_SECONDS, Long.toString(grace));
        }
        if (req.plainFtpAllowed() != null) {
            a.put(TenantDefaults.PLAIN_FTP, req.plainFtpAllowed().toString());
        }
        if (req.protocolsPerGroup() != null) {
            a.put(TenantDefaults.PROTOCOLS_PER_GROUP, req.protocolsPerGroup().toString());
        }
        list(a, TenantDefaults.ALLOWED_CIDRS, cidrs(req.allowedCidrs()));
        list(a, TenantDefaults.ALLOWED_COUNTRIES, countries("allowedCountries", req.allowedCountries()));
        list(a, TenantDefaults.DENIED_COUNTRIES, countries("deniedCountries", req.deniedCountries()));
        list(a, TenantDefaults.HOSTNAMES, hostnames(req.hostnames()));
        return a;
    }

    /** A missing attribute means "no rule" to policy-service: an empty list removes it. */
    private static void list(Map<String, String> a, String attribute, List<String> values) {
        if (values == null) {
            return;
        }
        if (values.isEmpty()) {
            a.remove(attribute);
        } else {
            a.put(attribute, String.join(",", values));
        }
    }

    static List<String> cidrs(List<String> raw) {
        if (raw == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String c : bounded("allowedCidrs", raw)) {
            String s = c == null ? "" : c.trim();
            if (!CidrSyntax.isValid(s)) {
                throw bad("allowedCidrs entry " + VirtualPaths.printable(s) + " is not an IPv4 or IPv6 address or "
                        + "CIDR range");
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    static List<String> countries(String field, List<String> raw) {
        if (raw == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String c : bounded(field, raw)) {
            String s = c == null ? "" : c.trim().toUpperCase(Locale.ROOT);
            if (!COUNTRIES.contains(s)) {
                throw bad(field + " entry " + VirtualPaths.printable(c == null ? "null" : c)
                        + " is not an ISO 3166-1 alpha-2 country code (such as GB or DE)");
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    static List<String> hostnames(List<String> raw) {
        if (raw == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String h : bounded("hostnames", raw)) {
            String s = h == null ? "" : h.trim().toLowerCase(Locale.ROOT);
            if (!isDnsName(s)) {
                throw bad("hostnames entry " + VirtualPaths.printable(h == null ? "null" : h) + " is not a DNS host "
                        + "name (labels of a-z, 0-9 and '-', at least two, such as files.example.com)");
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    static boolean isDnsName(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        String[] labels = s.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String l : labels) {
            if (!LABEL.matcher(l).matches()) {
                return false;
            }
        }
        // a top-level label of digits only would make an IPv4 address look like a host name
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    private static List<String> bounded(String field, List<String> raw) {
        if (raw.size() > MAX_ENTRIES) {
            throw bad(field + " has more than " + MAX_ENTRIES + " entries");
        }
        return raw;
    }

    private static WharfException bad(String message) {
        return new WharfException(Reason.BAD_REQUEST, message);
    }
}
