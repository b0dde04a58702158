package dev.wharf.identity.tenant;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.core.quota.Quota;
import dev.wharf.core.quota.SiteQuota;
import dev.wharf.identity.user.CidrSyntax;
import dev.wharf.identity.user.UserService;
import dev.wharf.tenancy.AddressRule;
import dev.wharf.tenancy.AttributeValues;
import dev.wharf.tenancy.LoginRequirements;
import dev.wharf.tenancy.QuotaAttributes;
import dev.wharf.tenancy.RealmAttributes;
import dev.wharf.tenancy.SiteQuotas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The admin API's site settings to and from realm attributes (through the shared {@link dev.wharf.tenancy.SiteSettings},
 * which policy-service reads too), and their validation: an update is checked whole before anything is written, so a
 * bad field changes nothing.
 */
public final class SiteAttributes {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_ENTRIES = 1000;

    private SiteAttributes() {
    }

    /** The settings a realm's attributes say, as the admin API shows them (the shared reading of them). */
    public static SiteSettings read(Map<String, String> a) {
        dev.wharf.tenancy.SiteSettings s = dev.wharf.tenancy.SiteSettings.fromAttributes(a);
        LoginRequirements l = LoginRequirements.fromAttributes(a);
        SiteQuota q = SiteQuotas.fromAttributes(a);
        return new SiteSettings(s.otpGraceSeconds(), s.plainFtpAllowed(), s.protocolsPerGroup(), s.allowedCidrs(),
                s.allowedCountries(), s.deniedCountries(), s.hostnames(), s.addressRule().wire(),
                s.disabledProtocols(), l.secondFactorRequired(), l.exemptions(), l.passwordMaxAgeDays(),
                s.activeFtpAllowed(), limit(q.tenant().bytes()), limit(q.tenant().files()),
                limit(q.tenant().fileSize()), SiteQuotas.entries(q), null, null);
    }

    /** The tenant's own host names (realm attribute), in order. */
    public static List<String> hostnames(Map<String, String> a) {
        return AttributeValues.split(a.get(RealmAttributes.HOSTNAMES));
    }

    /**
     * The attributes after the update {@code req}, or 400 {@code bad_request} naming the first bad field. Fields left
     * out keep their value; the shared model writes the result back.
     */
    public static Map<String, String> apply(Map<String, String> current, SiteSettings req) {
        Long grace = req.otpGraceSeconds();
        if (grace != null && (grace < 0 || grace > RealmAttributes.MAX_OTP_GRACE_SECONDS)) {
            throw bad("otpGraceSeconds must be 0 to " + RealmAttributes.MAX_OTP_GRACE_SECONDS);
        }
        List<String> cidrs = cidrs(req.allowedCidrs());
        List<String> allowed = countries("allowedCountries", req.allowedCountries());
        List<String> denied = countries("deniedCountries", req.deniedCountries());
        List<String> hosts = hostnames(req.hostnames());
        AddressRule rule = req.addressRule() == null ? null : AddressRule.parse(req.addressRule())
                .orElseThrow(() -> bad("addressRule must be both or either"));
        List<String> disabled = req.disabledProtocols() == null ? null : disabledProtocols(req.disabledProtocols());
        LoginRequirements login = loginRequirements(LoginRequirements.fromAttributes(current), req);
        SiteQuota quota = siteQuota(SiteQuotas.fromAttributes(current), req);
        dev.wharf.tenancy.SiteSettings now = dev.wharf.tenancy.SiteSettings.fromAttributes(current);
        Map<String, String> out = new dev.wharf.tenancy.SiteSettings(
                grace != null ? grace : now.otpGraceSeconds(),
                req.plainFtpAllowed() != null ? req.plainFtpAllowed() : now.plainFtpAllowed(),
                req.protocolsPerGroup() != null ? req.protocolsPerGroup() : now.protocolsPerGroup(),
                cidrs != null ? cidrs : now.allowedCidrs(),
                allowed != null ? allowed : now.allowedCountries(),
                denied != null ? denied : now.deniedCountries(),
                hosts != null ? hosts : now.hostnames(),
                rule != null ? rule : now.addressRule(),
                disabled != null ? disabled : now.disabledProtocols(),
                req.activeFtpAllowed() != null ? req.activeFtpAllowed() : now.activeFtpAllowed())
                .toAttributes(current);
        login.writeTo(out);
        SiteQuotas.writeTo(quota, out);
        return out;
    }

    /** {@code now} with the update's tenant limits, largest file and shared folder limits written over it. */
    static SiteQuota siteQuota(SiteQuota now, SiteSettings req) {
        Long bytes = QuotaAttributes.checked("quotaBytes", req.quotaBytes());
        Long files = QuotaAttributes.checked("quotaFiles", req.quotaFiles());
        Long fileSize = QuotaAttributes.checked("maxFileSize", req.maxFileSize());
        Quota tenant = new Quota(bytes != null ? bytes : now.tenant().bytes(),
                files != null ? files : now.tenant().files(), fileSize != null ? fileSize : now.tenant().fileSize());
        return new SiteQuota(tenant, req.sharedFolderQuotas() == null ? now.folders()
                : SiteQuotas.parseEntries(bounded("sharedFolderQuotas", req.sharedFolderQuotas())));
    }

    private static Long limit(long v) {
        return v == Quota.UNLIMITED ? null : v;
    }

    /** {@code now} with the update's 2FA requirement, its exemptions and the password age written over it. */
    static LoginRequirements loginRequirements(LoginRequirements now, SiteSettings req) {
        Integer days = req.passwordMaxAgeDays();
        if (days != null && (days < 0 || days > LoginRequirements.MAX_PASSWORD_AGE_DAYS)) {
            throw bad("passwordMaxAgeDays must be 0 (no maximum) to " + LoginRequirements.MAX_PASSWORD_AGE_DAYS);
        }
        boolean apiKeys = now.apiKeysExempt();
        boolean sshKeys = now.sshKeysExempt();
        if (req.secondFactorExempt() != null) {
            List<String> exempt = bounded("secondFactorExempt", req.secondFactorExempt());
            for (String e : exempt) {
                if (!LoginRequirements.API_KEYS.equals(e) && !LoginRequirements.SSH_KEYS.equals(e)) {
                    throw bad("secondFactorExempt entry " + VirtualPaths.printable(String.valueOf(e)) + " is not "
                            + LoginRequirements.API_KEYS + " or " + LoginRequirements.SSH_KEYS);
                }
            }
            apiKeys = exempt.contains(LoginRequirements.API_KEYS);
            sshKeys = exempt.contains(LoginRequirements.SSH_KEYS);
        }
        return new LoginRequirements(
                req.secondFactorRequired() != null ? req.secondFactorRequired() : now.secondFactorRequired(),
                apiKeys, sshKeys, days != null ? days : now.passwordMaxAgeDays());
    }

    static List<String> disabledProtocols(List<String> raw) {
        return UserService.protocols("disabledProtocols", bounded("disabledProtocols", raw));
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
