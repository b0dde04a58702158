package dev.wharf.identity.grant;

import dev.wharf.api.grant.GrantClaims;
import dev.wharf.api.grant.GrantKeys;
import dev.wharf.api.grant.GrantSigner;
import dev.wharf.api.grant.GrantVerifier;
import dev.wharf.api.grant.RemoteGrantKeys;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.grant.IssuedGrant;
import dev.wharf.core.identity.Principal;
import dev.wharf.identity.tenant.TenantAccounts;
import dev.wharf.identity.tenant.TenantDirectory;
import dev.wharf.identity.tenant.TenantRecord;
import dev.wharf.identity.keycloak.KeycloakUser;
import dev.wharf.core.access.AccessRules;
import dev.wharf.core.bandwidth.Bandwidth;
import dev.wharf.identity.keycloak.KeycloakGroup;
import dev.wharf.tenancy.AccessAttributes;
import dev.wharf.tenancy.QuotaAttributes;
import dev.wharf.tenancy.SiteQuotas;
import dev.wharf.core.quota.Quota;
import dev.wharf.core.quota.SiteQuota;
import dev.wharf.tenancy.UserAttributes;
import dev.wharf.identity.session.SessionConfig;
import dev.wharf.identity.session.SessionRegistry;
import dev.wharf.tenancy.AccountLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * Issues the signed grant of each successful login and renews it while the user may still log in
 * (ARCHITECTURE.md, "Trust boundaries"): storage-service serves a session only what its grant names.
 */
@ApplicationScoped
public class GrantIssuer {
    private static final Logger LOG = Logger.getLogger(GrantIssuer.class);

    private final GrantConfig config;
    private final TenantAccounts keycloak;
    private final TenantDirectory tenants;
    private final GrantKeys keys;
    private final GrantSigner signer;
    private final GrantVerifier verifier;
    private final Clock clock = Clock.systemUTC();
    private final SessionRegistry sessions;
    private final java.time.Duration leaseMargin;

    @Inject
    public GrantIssuer(GrantConfig config, TenantAccounts keycloak, TenantDirectory tenants,
                       SessionRegistry sessions, SessionConfig sessionConfig) {
        this.sessions = sessions;
        this.leaseMargin = sessionConfig.leaseMargin();
        this.tenants = tenants;
        this.config = config;
        this.keycloak = keycloak;
        List<java.nio.file.Path> files = config.signingKeyFiles().orElse(List.of());
        if (files.isEmpty()) {
            LOG.warn("no grant signing key configured (wharf.identity.grants.signing-key-files): signing with a key "
                    + "made at start; this works with one identity-service replica only");
            this.keys = GrantKeys.of(List.of(GrantKeys.generate()));
        } else {
            this.keys = GrantKeys.fromPemFiles(files);
            LOG.infof("grants signed with the first of %d key file(s)", files.size());
        }
        this.signer = new GrantSigner(keys);
        this.verifier = new GrantVerifier(RemoteGrantKeys.local(keys));
    }

    /** The grant of a session that has just logged in as {@code p}. */
    public IssuedGrant issue(Principal p, String protocol, String sessionId) {
        Instant now = clock.instant();
        Optional<KeycloakUser> user = keycloak.userByUsername(p.tenant(), p.username());
        AccessRules access = user.map(u -> access(p.tenant(), u, p.groups())).orElse(AccessRules.NONE);
        Quota quota = user.map(u -> QuotaAttributes.read(u.attributes())).orElse(Quota.NONE);
        Bandwidth bandwidth = user.map(u -> QuotaAttributes.bandwidth(u.attributes())).orElse(Bandwidth.NONE);
        SiteQuota site = tenants.findRecent(p.tenant()).map(t -> SiteQuotas.fromAttributes(t.attributes()))
                .orElse(SiteQuota.NONE);
        return signer.sign(new GrantClaims(GrantClaims.SESSION, p.tenant(), p.username(), p.userId(), p.home(),
                protocol, sessionId, now, now.plus(config.lifetime()), now, access, quota, site))
                .withBandwidth(bandwidth);
    }

    /** The folder rules and shared folders of {@code user} and of those of its groups that carry any. */
    private AccessRules access(String tenant, KeycloakUser user, List<String> groupNames) {
        Map<String, Map<String, List<String>>> groups = new LinkedHashMap<>();
        if (!groupNames.isEmpty()) {
            Set<String> names = Set.copyOf(groupNames);
            for (KeycloakGroup g : keycloak.groups(tenant)) {
                Map<String, List<String>> a = g.attributes();
                if (names.contains(g.name())
                        && (a.containsKey(UserAttributes.ACCESS) || a.containsKey(UserAttributes.SHARED))) {
                    groups.put(g.name(), a);
                }
            }
        }
        return AccessAttributes.read(user.attributes(), groups);
    }

    /**
     * A new grant for the session {@code token} belongs to, expired or not, as long as the login is younger than
     * {@link GrantConfig#maxSession()} and the tenant and user are still enabled; the home and the folder rules are
     * read again, so an
     * administrator's change reaches running sessions within one lifetime.
     */
    public IssuedGrant renew(String token) {
        GrantClaims old = verifier.verifyIgnoringExpiry(token);
        Instant now = clock.instant();
        if (!GrantClaims.SESSION.equals(old.scope())) {
            throw refused("only session grants are renewed");
        }
        if (now.isAfter(old.loginAt().plus(config.maxSession()))) {
            throw refused("the session is older than " + config.maxSession() + ": log in again");
        }
        Optional<TenantRecord> realm = tenants.find(old.tenant());
        if (realm.isEmpty() || !realm.get().enabled()) {
            throw refused("the tenant is gone or disabled");
        }
        KeycloakUser user = keycloak.userByUsername(old.tenant(), old.username())
                .filter(u -> u.id().equals(old.userId()))
                .orElseThrow(() -> refused("the user is gone"));
        if (!user.enabled()) {
            throw refused("the user is disabled");
        }
        if (AccountLimits.read(user.attributes()).expiredAt(now)) {
            throw refused("the account has expired");
        }
        String home = user.attribute(UserAttributes.HOME).orElse(UserAttributes.defaultHome(user.username()));
        AccessRules access = access(old.tenant(), user, keycloak.userGroups(old.tenant(), user.id()));
        Instant expires = now.plus(config.lifetime());
        // a live session keeps its place under its user's session limit while its grant is renewed
        sessions.renew(old.tenant(), old.username(), old.sessionId(), expires.plus(leaseMargin));
        return signer.sign(old.renewed(home, access, QuotaAttributes.read(user.attributes()),
                        SiteQuotas.fromAttributes(realm.get().attributes()), now, expires))
                .withBandwidth(QuotaAttributes.bandwidth(user.attributes()));
    }

    /**
     * The session {@code token} belongs to has ended (its gateway says so): it stops counting under its user's
     * session limit. A token that is not a session grant of this platform is refused.
     */
    public void end(String token) {
        GrantClaims claims = verifier.verifyIgnoringExpiry(token);
        if (!GrantClaims.SESSION.equals(claims.scope())) {
            throw refused("only session grants name a session");
        }
        sessions.end(claims.tenant(), claims.username(), claims.sessionId());
    }

    /** A grant for removing all of a deleted tenant's files (identity-service's own call to storage-service). */
    public IssuedGrant tenantPurge(String tenant) {
        Instant now = clock.instant();
        return signer.sign(new GrantClaims(GrantClaims.TENANT_PURGE, tenant, null, null, "/", null, null, now,
                now.plus(config.lifetime()), now));
    }

    /** A grant of {@code home} for identity-service's own reading there (a user's usage), short-lived. */
    public IssuedGrant folderRead(String tenant, String home) {
        Instant now = clock.instant();
        return signer.sign(new GrantClaims(GrantClaims.SESSION, tenant, "identity-service", null, home, null, null,
                now, now.plus(java.time.Duration.ofMinutes(1)), now));
    }

    /** The verification keys, as a JWKS document. */
    public String publicKeys() {
        return keys.publicJwks();
    }

    private static WharfException refused(String why) {
        return new WharfException(Reason.UNAUTHENTICATED_CALLER, why);
    }
}
