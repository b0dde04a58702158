package dev.wharf.tenancy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tenant's site settings, read from and written to its realm attributes ({@link RealmAttributes}); the one
 * reading both services share, so that identity-service shows what policy-service enforces.
 *
 * @param otpGraceSeconds   the 2FA grace window in seconds (0: off; at most {@link RealmAttributes#MAX_OTP_GRACE_SECONDS})
 * @param plainFtpAllowed   unencrypted FTP may be used
 * @param protocolsPerGroup protocol access comes from the user's groups
 * @param allowedCidrs      connections must come from these ranges (empty: any); entries as written, unchecked
 * @param allowedCountries  ISO 3166-1 alpha-2 countries (upper case) connections must come from (empty: any)
 * @param deniedCountries   ISO 3166-1 alpha-2 countries (upper case) connections must not come from
 * @param hostnames         the tenant's own host names, in order
 * @param addressRule       how {@code allowedCidrs} and a user's ranges combine (unset or unreadable: {@link AddressRule#BOTH})
 * @param disabledProtocols protocols switched off for the whole site (lower-case wire names)
 * @param activeFtpAllowed  the site's users may use active FTP (PORT/EPRT) where the gateway allows it (default off)
 */
public record SiteSettings(long otpGraceSeconds, boolean plainFtpAllowed, boolean protocolsPerGroup,
                           List<String> allowedCidrs, List<String> allowedCountries, List<String> deniedCountries,
                           List<String> hostnames, AddressRule addressRule, List<String> disabledProtocols,
                           boolean activeFtpAllowed) {
    /** No rules: a realm without attributes. */
    public static final SiteSettings NONE = new SiteSettings(0, false, false, List.of(), List.of(), List.of(),
            List.of());

    public SiteSettings {
        allowedCidrs = List.copyOf(allowedCidrs);
        allowedCountries = List.copyOf(allowedCountries);
        deniedCountries = List.copyOf(deniedCountries);
        hostnames = List.copyOf(hostnames);
        addressRule = addressRule == null ? AddressRule.BOTH : addressRule;
        disabledProtocols = disabledProtocols == null ? List.of() : List.copyOf(disabledProtocols);
    }

    /** Settings without active FTP. */
    public SiteSettings(long otpGraceSeconds, boolean plainFtpAllowed, boolean protocolsPerGroup,
                        List<String> allowedCidrs, List<String> allowedCountries, List<String> deniedCountries,
                        List<String> hostnames, AddressRule addressRule, List<String> disabledProtocols) {
        this(otpGraceSeconds, plainFtpAllowed, protocolsPerGroup, allowedCidrs, allowedCountries, deniedCountries,
                hostnames, addressRule, disabledProtocols, false);
    }

    /** Settings with the default address rule and no protocol switched off. */
    public SiteSettings(long otpGraceSeconds, boolean plainFtpAllowed, boolean protocolsPerGroup,
                        List<String> allowedCidrs, List<String> allowedCountries, List<String> deniedCountries,
                        List<String> hostnames) {
        this(otpGraceSeconds, plainFtpAllowed, protocolsPerGroup, allowedCidrs, allowedCountries, deniedCountries,
                hostnames, AddressRule.BOTH, List.of());
    }

    /** The settings realm attributes say; missing or unreadable values read as their default, unknown ones are ignored. */
    public static SiteSettings fromAttributes(Map<String, String> a) {
        return new SiteSettings(graceSeconds(a.get(RealmAttributes.OTP_GRACE_SECONDS)),
                AttributeValues.flag(a.get(RealmAttributes.PLAIN_FTP)),
                AttributeValues.flag(a.get(RealmAttributes.PROTOCOLS_PER_GROUP)),
                AttributeValues.split(a.get(RealmAttributes.ALLOWED_CIDRS)),
                countries(a.get(RealmAttributes.ALLOWED_COUNTRIES)),
                countries(a.get(RealmAttributes.DENIED_COUNTRIES)),
                AttributeValues.split(a.get(RealmAttributes.HOSTNAMES)),
                AddressRule.parse(a.get(RealmAttributes.ADDRESS_RULE)).orElse(AddressRule.BOTH),
                AttributeValues.split(a.get(RealmAttributes.DISABLED_PROTOCOLS)).stream()
                        .map(p -> p.toLowerCase(Locale.ROOT)).distinct().toList(),
                AttributeValues.flag(a.get(RealmAttributes.ACTIVE_FTP)));
    }

    /**
     * {@code current} with these settings written over it (other attributes kept). An empty list removes its
     * attribute: a missing attribute means "no rule".
     */
    public Map<String, String> toAttributes(Map<String, String> current) {
        Map<String, String> a = new HashMap<>(current);
        a.put(RealmAttributes.OTP_GRACE_SECONDS, Long.toString(otpGraceSeconds));
        a.put(RealmAttributes.PLAIN_FTP, Boolean.toString(plainFtpAllowed));
        a.put(RealmAttributes.PROTOCOLS_PER_GROUP, Boolean.toString(protocolsPerGroup));
        list(a, RealmAttributes.ALLOWED_CIDRS, allowedCidrs);
        list(a, RealmAttributes.ALLOWED_COUNTRIES, allowedCountries);
        list(a, RealmAttributes.DENIED_COUNTRIES, deniedCountries);
        list(a, RealmAttributes.HOSTNAMES, hostnames);
        if (addressRule == AddressRule.BOTH) {
            // the default: no attribute, so that what a site had before the setting existed reads the same
            a.remove(RealmAttributes.ADDRESS_RULE);
        } else {
            a.put(RealmAttributes.ADDRESS_RULE, addressRule.wire());
        }
        list(a, RealmAttributes.DISABLED_PROTOCOLS, disabledProtocols);
        if (activeFtpAllowed) {
            a.put(RealmAttributes.ACTIVE_FTP, "true");
        } else {
            // the default: no attribute, as for the address rule
            a.remove(RealmAttributes.ACTIVE_FTP);
        }
        return a;
    }

    /** True when the tenant has any country rule, so that the address's country must be known. */
    public boolean hasCountryRules() {
        return !allowedCountries.isEmpty() || !deniedCountries.isEmpty();
    }

    /** Seconds of the 2FA grace window; 0 when unset or not a number, clamped to the allowed range. */
    public static long graceSeconds(String v) {
        try {
            long s = v == null ? 0 : Long.parseLong(v.strip());
            return Math.clamp(s, 0, RealmAttributes.MAX_OTP_GRACE_SECONDS);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> countries(String value) {
        return AttributeValues.split(value).stream().map(c -> c.toUpperCase(Locale.ROOT)).distinct().toList();
    }

    private static void list(Map<String, String> a, String attribute, List<String> values) {
        String joined = AttributeValues.join(values);
        if (joined == null) {
            a.remove(attribute);
        } else {
            a.put(attribute, joined);
        }
    }
}
