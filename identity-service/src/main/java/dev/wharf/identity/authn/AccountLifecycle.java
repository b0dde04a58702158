package dev.wharf.identity.authn;

import dev.wharf.core.Reason;
import dev.wharf.core.session.Protocol;
import dev.wharf.identity.grant.GrantConfig;
import dev.wharf.identity.keycloak.KeycloakCredential;
import dev.wharf.identity.keycloak.KeycloakUser;
import dev.wharf.identity.session.SessionConfig;
import dev.wharf.identity.session.SessionRegistries;
import dev.wharf.identity.session.SessionRegistry;
import dev.wharf.identity.tenant.TenantAccounts;
import dev.wharf.identity.tenant.TenantDirectory;
import dev.wharf.tenancy.AccountLimits;
import dev.wharf.tenancy.LoginRequirements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * The account lifecycle step of every login, after its credential was verified: {@link AccountRules} on what
 * Keycloak knows of the user and its site, then the per-user session limit ({@link SessionRegistry}). One user
 * lookup per login; the password's date is read only when the site has a maximum age.
 */
@ApplicationScoped
public class AccountLifecycle {
    private final TenantAccounts keycloak;
    private final TenantDirectory directory;
    private final SessionRegistry sessions;
    private final Duration lease;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public AccountLifecycle(TenantAccounts keycloak, TenantDirectory directory, SessionRegistry sessions,
                            GrantConfig grants, SessionConfig sessionConfig) {
        this.keycloak = keycloak;
        this.directory = directory;
        this.sessions = sessions;
        this.lease = SessionRegistries.lease(grants, sessionConfig);
    }

    /**
     * The refusal of the verified login of {@code username}, or empty when it may go on; an admitted session of a
     * user with a session limit is counted from now (until its gateway reports its end or its lease runs out).
     *
     * @param sessionId the gateway's session; null where no session is opened (nothing is counted)
     */
    public Optional<Reason> refusal(String tenant, String username, LoginMethod method, Protocol protocol,
                                    String sessionId) {
        Optional<KeycloakUser> found = keycloak.userByUsername(tenant, username);
        if (found.isEmpty()) {
            // the credential was right a moment ago: the user was deleted since, which the grant refuses
            return Optional.empty();
        }
        KeycloakUser user = found.get();
        LoginRequirements site = directory.findRecent(tenant).map(r -> LoginRequirements.fromAttributes(r.attributes()))
                .orElse(LoginRequirements.NONE);
        AccountLimits limits = AccountLimits.read(user.attributes());
        Instant now = clock.instant();
        Instant passwordSet = AccountRules.checksPasswordAge(method, site) ? passwordSet(tenant, user) : null;
        Optional<Reason> refused = AccountRules.refusal(method, new AccountRules.Facts(limits, user.totp(),
                passwordSet), site, now);
        if (refused.isPresent() || limits.maxSessions() == null || sessionId == null || !counted(protocol)) {
            return refused;
        }
        return sessions.admit(tenant, user.username(), sessionId, limits.maxSessions(), now.plus(lease))
                ? Optional.empty() : Optional.of(Reason.SESSION_LIMIT_REACHED);
    }

    /**
     * Connection-based sessions count; a web sign-in does not: a browser tab left open (or closed without signing
     * out) would hold a session no gateway ever reports ended.
     */
    static boolean counted(Protocol protocol) {
        return protocol != null && protocol != Protocol.HTTPS;
    }

    /** When the user's newest password was set; null when Keycloak does not say. */
    private Instant passwordSet(String tenant, KeycloakUser user) {
        return keycloak.credentials(tenant, user.id()).stream()
                .filter(c -> KeycloakCredential.PASSWORD.equals(c.type())).map(KeycloakCredential::created)
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }
}
