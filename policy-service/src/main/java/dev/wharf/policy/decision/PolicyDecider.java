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
import inet.ipaddr.IPAddress;
import org.jboss.logging.Logger;

import java.time.Clock;
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
        return site(ip, sites.apply(tenant));
    }

    /**
     * The site's rules for an address: its ranges, then its countries. With country rules, an address whose
     * country is unknown (no database, or not in it: private ranges too) is refused, never let through.
     */
    private Decision site(IPAddress ip, SiteRules site) {
        if (!site.allowedCidrs().isEmpty() && !site.allowedCidrs().contains(ip)) {
            return Decision.deny(Reason.ADDRESS_NOT_ALLOWED);
        }
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
     * Step 5, after identity accepted the credentials: the ban again, the site's rules again (the tenant may have changed them
     * since the connect, and a gateway may have connected without a tenant), the user's address ranges (both must
     * match), then protocol access, then encryption. An FTP session that is encrypted (after AUTH TLS) counts as FTPS.
     */
    public Decision login(Principal principal, Protocol protocol, String clientIp, boolean encrypted) {
        IPAddress ip = IpAddresses.parseAddress(clientIp);
        // a ban that began after the connect (failures on other sessions) also stops this session's login
        if (bans.bannedUntil(ip.toCanonicalString(), clock.instant()).isPresent()) {
            return Decision.deny(Reason.ADDRESS_BANNED);
        }
        Protocol effective = protocol == Protocol.FTP && encrypted ? Protocol.FTPS : protocol;
        SiteRules site = sites.apply(principal.tenant());
        Decision siteDecision = site(ip, site);
        if (!siteDecision.allowed()) {
            return siteDecision;
        }

        CidrList cidrs = CidrList.of(principal.allowedCidrs());
        if (!cidrs.invalid().isEmpty()) {
            LOG.warnf("user %s of tenant %s has invalid allowed address ranges %s: they match nothing",
                    principal.username(), principal.tenant(), cidrs.invalid());
        }
        if (!cidrs.isEmpty() && !cidrs.contains(ip)) {
            return Decision.deny(Reason.ADDRESS_NOT_ALLOWED);
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
