package dev.wharf.policy.site;

import dev.wharf.policy.address.CidrList;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A tenant's site rules, read from its realm attributes (names in docs/service-api.md, written by
 * identity-service). Lists are comma-separated; countries are ISO 3166-1 alpha-2 codes, any case.
 *
 * @param plainFtpAllowed   unencrypted FTP may be used
 * @param protocolsPerGroup protocol access comes from groups: a user must be in a group that grants the protocol
 * @param groupProtocols    per group name, the protocols it grants (group attribute {@code wharf.protocols}); read
 *                          only when {@code protocolsPerGroup}
 * @param allowedCidrs      when not empty, every connection and login must come from one of these ranges
 * @param allowedCountries  when not empty, the address's country must be one of these
 * @param deniedCountries   the address's country must not be one of these
 */
public record SiteSettings(boolean plainFtpAllowed, boolean protocolsPerGroup, CidrList allowedCidrs,
                           Set<String> allowedCountries, Set<String> deniedCountries,
                           Map<String, Set<String>> groupProtocols) {
    /** Realm attribute: {@code true} lets the tenant's users use unencrypted FTP. */
    public static final String PLAIN_FTP = "wharf.ftp.plainAllowed";
    /** Realm attribute: {@code true} makes protocol access come from groups. */
    public static final String PROTOCOLS_PER_GROUP = "wharf.protocols.perGroup";
    /** Group attribute: the protocols a group grants, comma-separated (the user attribute's name too). */
    public static final String GROUP_PROTOCOLS = "wharf.protocols";
    /** Realm attribute: allowed client address ranges (CIDR), comma-separated. */
    public static final String ALLOWED_CIDRS = "wharf.site.allowedCidrs";
    /** Realm attribute: allowed countries, comma-separated ISO codes. */
    public static final String ALLOWED_COUNTRIES = "wharf.site.allowedCountries";
    /** Realm attribute: disallowed countries, comma-separated ISO codes. */
    public static final String DENIED_COUNTRIES = "wharf.site.deniedCountries";

    /** No rules: a tenant without attributes, or a name that is no realm (identity-service refuses its logins). */
    public static final SiteSettings NONE = new SiteSettings(false, false, CidrList.of(List.of()), Set.of(), Set.of(),
            Map.of());

    /** True when the tenant has any country rule, so that the address's country must be known. */
    public boolean hasCountryRules() {
        return !allowedCountries.isEmpty() || !deniedCountries.isEmpty();
    }

    /** Settings from realm attributes; unknown attributes are ignored, booleans other than "true" are false. */
    public static SiteSettings fromAttributes(Map<String, String> attributes) {
        return new SiteSettings(
                "true".equalsIgnoreCase(attributes.getOrDefault(PLAIN_FTP, "").trim()),
                "true".equalsIgnoreCase(attributes.getOrDefault(PROTOCOLS_PER_GROUP, "").trim()),
                CidrList.of(list(attributes.get(ALLOWED_CIDRS))),
                countries(attributes.get(ALLOWED_COUNTRIES)),
                countries(attributes.get(DENIED_COUNTRIES)),
                Map.of());
    }

    /** These settings with the groups' protocols, from each group's {@code wharf.protocols} value. */
    public SiteSettings withGroupProtocols(Map<String, String> protocolsByGroup) {
        Map<String, Set<String>> out = new java.util.HashMap<>();
        protocolsByGroup.forEach((group, value) -> out.put(group, list(value).stream()
                .map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet())));
        return new SiteSettings(plainFtpAllowed, protocolsPerGroup, allowedCidrs, allowedCountries, deniedCountries,
                Map.copyOf(out));
    }

    /** Whether one of {@code groups} grants {@code protocol} (a wire name: ftp, ftps, sftp). */
    public boolean groupsGrant(List<String> groups, String protocol) {
        for (String g : groups) {
            Set<String> granted = groupProtocols.get(g);
            if (granted != null && granted.contains(protocol)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Set<String> countries(String value) {
        return list(value).stream().map(c -> c.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
