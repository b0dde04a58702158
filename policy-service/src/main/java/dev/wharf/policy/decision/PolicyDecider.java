package dev.wharf.policy.decision;

import dev.wharf.core.Reason;
import dev.wharf.core.identity.Principal;
import dev.wharf.core.policy.Decision;
import dev.wharf.core.session.Protocol;
import dev.wharf.policy.address.CidrList;
import dev.wharf.policy.address.IpAddresses;
import dev.wharf.policy.ban.Defender;
import dev.wharf.policy.geo.CountryLookup;
import dev.wharf.policy.site.SiteRules;
import dev.wharf.tenancy.AddressRule;
import inet.ipaddr.IPAddress;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The connect and login rules (ARCHITECTURE.md, "A login, step by step", steps 1 and 5), free of any framework.
 * Inputs are validated by the caller's transport; addresses that do not parse throw {@link IllegalArgumentException}.
 */
public final class PolicyDecider {
    private static final Logger LOG = Logger.getLogger(PolicyDecider.class);

    private final Defender bans;
    private final Set<String> plainFtpTenants;
    private final Function<String, SiteRules> sites;
    private final CountryLookup countries;
    private final Clock clock;

    /** Without site settings nor countries: only bans and the user's own rules apply. */
    public PolicyDecider(Defender bans, Set<String> plainFtpTenants, Clock clock) {
        this(bans, plainFtpTenants, t -> SiteRules.NONE, CountryLookup.NONE, clock);
    }

    /**
     * @param bans            the shared defender (bans are read locally: no remote call)
     * @param plainFtpTenants tenants that allow unencrypted FTP whatever their site settings say (an override)
     * @param sites           a tenant's site settings, cached (a decision on a warm cache calls nothing remote)
     * @param countries       the GeoIP database, or {@link CountryLookup#NONE}
     */
    public PolicyDecider(Defender bans, Set<String> plainFtpTenants,
                         Function<String, SiteRules> sites, CountryLookup countries, Clock clock) {
        this.sites = sites;
        this.countries = countries;
        this.bans = bans;
        this.plainFtpTenants = plainFtpTenants.stream().map(t -> t.trim().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    /** Steps 1 and 3: the ban, then, once the tenant is known, the site's address ranges and countries. */
    public Decision connect(String clientIp, String tenant, Protocol protocol) {
        IPAddress ip = IpAddresses.parseAddress(clientIp);
        if (bans.bannedUntil(ip.toCanonicalString(), clock.instant()).isPresent()) {
            return Decision.deny(Reason.ADDRESS_BANNED);
        }
        if (tenant == null) {
            return Decision.ALLOW;
        }
        SiteRules site = sites.apply(tenant);
        if (protocol != null && switchedOff(site, protocol)) {
            return Decision.deny(Reason.PROTOCOL_DISABLED);
        }
        // under EITHER a user's own ranges may admit what the site's do not: only the login can tell
        if (site.addressRule() == AddressRule.BOTH && !inSiteRanges(ip, site)) {
            return Decision.deny(Reason.ADDRESS_NOT_ALLOWED);
        }
        return countries(ip, site);
    }

    private static boolean inSiteRanges(IPAddress ip, SiteRules site) {
        return site.allowedCidrs().isEmpty() || site.allowedCidrs().contains(ip);
    }

    /**
     * Whether the site switched the protocol off. FTP counts as off when FTPS is (the same service, and the
     * gateway's AUTH TLS only comes after the connect); FTPS alone off leaves plain FTP to its own rule.
     */
    private static boolean switchedOff(SiteRules site, Protocol protocol) {
        return protocol == Protocol.FTP
                ? site.disables(Protocol.FTP.wire()) && site.disables(Protocol.FTPS.wire())
                : site.disables(protocol.wire());
    }

    /**
     * The site's countries. With country rules, an address whose country is unknown (no database, or not in it:
     * private ranges too) is refused, never let through.
     */
    private Decision countries(IPAddress ip, SiteRules site) {
        if (site.hasCountryRules()) {
            Optional<String> country = countries.country(ip);
            if (country.isEmpty()) {
                return Decision.deny(Reason.COUNTRY_UNKNOWN);
            }
            if (!site.allowedCountries().isEmpty() && !site.allowedCountries().contains(country.get())
                    || site.deniedCountries().contains(country.get())) {
                return Decision.deny(Reason.COUNTRY_NOT_ALLOWED);
            }
        }
        return Decision.ALLOW;
    }

    /**
     * Step 5, after identity accepted the credentials: the ban again, the site's protocol switches, the site's and
     * the user's (or the user's groups') address ranges under the site's address rule, the countries (the tenant may
     * have changed its rules since the connect, and a gateway may have connected without a tenant), then protocol
     * access, then encryption. An FTP session that is encrypted (after AUTH TLS) counts as FTPS. An allowed FTP or
     * FTPS login carries the site's active-mode setting, which the gateway applies to PORT/EPRT.
     */
    public Decision login(Principal principal, Protocol protocol, String clientIp, boolean encrypted) {
        IPAddress ip = IpAddresses.parseAddress(clientIp);
        // a ban that began after the connect (failures on other sessions) also stops this session's login
        if (bans.bannedUntil(ip.toCanonicalString(), clock.instant()).isPresent()) {
            return Decision.deny(Reason.ADDRESS_BANNED);
        }
        Protocol effective = protocol == Protocol.FTP && encrypted ? Protocol.FTPS : protocol;
        SiteRules site = sites.apply(principal.tenant());
        if (site.disables(effective.wire())) {
            return Decision.deny(Reason.PROTOCOL_DISABLED);
        }
        Decision address = addresses(principal, ip, site);
        if (!address.allowed()) {
            return address;
        }
        Decision country = countries(ip, site);
        if (!country.allowed()) {
            return country;
        }

        Set<String> allowed = principal.allowedProtocols().stream().map(p -> p.trim().toLowerCase(Locale.ROOT))
                .filter(p -> !p.isEmpty()).collect(Collectors.toSet());
        if (!allowed.isEmpty() && !allowed.contains(effective.wire())) {
            // Plain FTP when FTPS would be allowed: telling the user to switch on TLS is the useful answer.
            boolean tlsWouldDo = effective == Protocol.FTP && allowed.contains(Protocol.FTPS.wire());
            return Decision.deny(tlsWouldDo ? Reason.ENCRYPTION_REQUIRED : Reason.PROTOCOL_NOT_ALLOWED);
        }
        // Per-group control (hosted services' semantics): one of the user's groups must grant the protocol; the
        // user's own list, when set, still narrows it (both must allow).
        if (site.protocolsPerGroup() && !site.groupsGrant(principal.groups(), effective.wire())) {
            boolean tlsWouldDo = effective == Protocol.FTP
                    && site.groupsGrant(principal.groups(), Protocol.FTPS.wire());
            return Decision.deny(tlsWouldDo ? Reason.ENCRYPTION_REQUIRED : Reason.PROTOCOL_NOT_ALLOWED);
        }

        if (effective == Protocol.FTP && !site.plainFtpAllowed() && !plainFtpAllowed(principal.tenant())) {
            return Decision.deny(Reason.ENCRYPTION_REQUIRED);
        }
        boolean ftp = effective == Protocol.FTP || effective == Protocol.FTPS;
        return Decision.allow(ftp && site.activeFtpAllowed());
    }

    /**
     * The site's ranges with the user's: the user's own ranges when set, otherwise those of the user's groups that
     * have any (an address in one group's ranges is enough). {@link AddressRule#BOTH}: each that is set must admit
     * the address; {@link AddressRule#EITHER}: one that admits it is enough. The log line names the rule that
     * refused, for the operator (the client's reply stays the same whichever it was).
     */
    private Decision addresses(Principal principal, IPAddress ip, SiteRules site) {
        CidrList own = CidrList.of(principal.allowedCidrs());
        if (!own.invalid().isEmpty()) {
            LOG.warnf("user %s of tenant %s has invalid allowed address ranges %s: they match nothing",
                    principal.username(), principal.tenant(), own.invalid());
        }
        List<CidrList> userSide = own.isEmpty() ? site.cidrsOf(principal.groups()) : List.of(own);
        boolean userSet = !userSide.isEmpty();
        boolean userAdmits = userSide.stream().anyMatch(c -> c.contains(ip));
        boolean siteSet = !site.allowedCidrs().isEmpty();
        boolean siteAdmits = inSiteRanges(ip, site);
        boolean allowed = site.addressRule() == AddressRule.EITHER && siteSet && userSet
                ? siteAdmits || userAdmits
                : siteAdmits && (!userSet || userAdmits);
        if (!allowed) {
            String which = siteSet && !siteAdmits ? "the site's address ranges"
                    : own.isEmpty() ? "the address ranges of the user's groups" : "the user's own address ranges";
            LOG.infof("login of %s in tenant %s from %s refused by %s (address rule %s)", principal.username(),
                    principal.tenant(), ip.toCanonicalString(), which, site.addressRule().wire());
            return Decision.deny(Reason.ADDRESS_NOT_ALLOWED);
        }
        return Decision.ALLOW;
    }

    /**
     * Reports a failed login to the defender (every replica counts it a moment later); exempt addresses are not
     * counted.
     */
    public void loginFailed(String clientIp, String tenant, String username, Protocol protocol) {
        bans.recordFailure(clientIp, tenant, username, protocol == null ? null : protocol.wire());
    }

    /** Whether the configuration override lets {@code tenant} use unencrypted FTP. */
    public boolean plainFtpAllowed(String tenant) {
        return tenant != null && plainFtpTenants.contains(tenant.toLowerCase(Locale.ROOT));
    }
}
