package dev.wharf.policy.site;

import dev.wharf.policy.address.CidrList;
import dev.wharf.tenancy.AddressRule;
import dev.wharf.tenancy.AttributeValues;
import dev.wharf.tenancy.SiteSettings;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A tenant's site settings ({@link SiteSettings}, the vocabulary identity-service writes) made ready for decisions:
 * ranges parsed, countries as sets, and the groups' protocols when they decide.
 *
 * @param plainFtpAllowed   unencrypted FTP may be used
 * @param protocolsPerGroup protocol access comes from groups: a user must be in a group that grants the protocol
 * @param groupProtocols    per group name, the protocols it grants (group attribute {@code wharf.protocols}); read
 *                          only when {@code protocolsPerGroup}
 * @param allowedCidrs      when not empty, every connection and login must come from one of these ranges
 * @param allowedCountries  when not empty, the address's country must be one of these
 * @param deniedCountries   the address's country must not be one of these
 * @param addressRule       how {@code allowedCidrs} and the user's ranges combine
 * @param disabledProtocols protocols (wire names) switched off for the whole site
 * @param groupCidrs        per group name, the ranges its members must connect from (group attribute
 *                          {@code wharf.cidrs}); groups without ranges are absent
 * @param activeFtpAllowed  the site lets its FTP sessions use active mode (the login decision tells the gateway)
 */
public record SiteRules(boolean plainFtpAllowed, boolean protocolsPerGroup, CidrList allowedCidrs,
                        Set<String> allowedCountries, Set<String> deniedCountries,
                        Map<String, Set<String>> groupProtocols, AddressRule addressRule,
                        Set<String> disabledProtocols, Map<String, CidrList> groupCidrs,
                        boolean activeFtpAllowed) {

    /** No rules: a tenant without attributes, or a name that is no realm (identity-service refuses its logins). */
    public static final SiteRules NONE = new SiteRules(false, false, CidrList.of(List.of()), Set.of(), Set.of(),
            Map.of(), AddressRule.BOTH, Set.of(), Map.of(), false);

    /** True when the tenant has any country rule, so that the address's country must be known. */
    public boolean hasCountryRules() {
        return !allowedCountries.isEmpty() || !deniedCountries.isEmpty();
    }

    /** The rules of a tenant's settings, without group protocols. */
    public static SiteRules of(SiteSettings s) {
        return new SiteRules(s.plainFtpAllowed(), s.protocolsPerGroup(), CidrList.of(s.allowedCidrs()),
                Set.copyOf(s.allowedCountries()), Set.copyOf(s.deniedCountries()), Map.of(), s.addressRule(),
                Set.copyOf(s.disabledProtocols()), Map.of(), s.activeFtpAllowed());
    }

    /** The rules realm attributes say (through {@link SiteSettings#fromAttributes}). */
    public static SiteRules fromAttributes(Map<String, String> attributes) {
        return of(SiteSettings.fromAttributes(attributes));
    }

    /** These rules with the groups' protocols, from each group's {@code wharf.protocols} value. */
    public SiteRules withGroupProtocols(Map<String, String> protocolsByGroup) {
        Map<String, Set<String>> out = new HashMap<>();
        protocolsByGroup.forEach((group, value) -> out.put(group, AttributeValues.split(value).stream()
                .map(p -> p.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet())));
        return new SiteRules(plainFtpAllowed, protocolsPerGroup, allowedCidrs, allowedCountries, deniedCountries,
                Map.copyOf(out), addressRule, disabledProtocols, groupCidrs, activeFtpAllowed);
    }

    /** These rules with the groups' address ranges, from each group's {@code wharf.cidrs} value. */
    public SiteRules withGroupCidrs(Map<String, String> cidrsByGroup) {
        Map<String, CidrList> out = new HashMap<>();
        cidrsByGroup.forEach((group, value) -> {
            CidrList list = CidrList.of(AttributeValues.split(value));
            if (!list.isEmpty()) {
                out.put(group, list);
            }
        });
        return new SiteRules(plainFtpAllowed, protocolsPerGroup, allowedCidrs, allowedCountries, deniedCountries,
                groupProtocols, addressRule, disabledProtocols, Map.copyOf(out), activeFtpAllowed);
    }

    /** Whether the site switched {@code protocol} (a wire name) off for everyone. */
    public boolean disables(String protocol) {
        return disabledProtocols.contains(protocol);
    }

    /**
     * The address ranges of those of {@code groups} that have any, in the order given; empty when none has: then
     * the groups do not restrict addresses.
     */
    public List<CidrList> cidrsOf(List<String> groups) {
        return groups.stream().map(groupCidrs::get).filter(java.util.Objects::nonNull).toList();
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
}
