package dev.wharf.core.login;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.grant.LiveGrants;
import dev.wharf.core.grant.SessionGrant;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.core.identity.Credentials;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.policy.Decision;
import dev.wharf.core.policy.PolicyPort;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.TenantResolver;
import org.jboss.logging.Logger;

/**
 * The login chain both gateways run (ARCHITECTURE.md, "A login, step by step"): connect check, tenant
 * resolution, identity, user policy, audit. Protocol modules only translate the outcome into their reply.
 */
public final class LoginFlow {
    private static final Logger LOG = Logger.getLogger(LoginFlow.class);

    private final TenantResolver tenants;
    private final IdentityPort identity;
    private final PolicyPort policy;
    private final SessionAudit audit;
    private final LiveGrants live;

    /** A chain whose sessions' grants are not kept alive nor their ends reported (the web, tests). */
    public LoginFlow(TenantResolver tenants, IdentityPort identity, PolicyPort policy, SessionAudit audit) {
        this(tenants, identity, policy, audit, LiveGrants.none());
    }

    /** @param live keeps logged-in sessions' grants alive and reports their ends (connection gateways) */
    public LoginFlow(TenantResolver tenants, IdentityPort identity, PolicyPort policy, SessionAudit audit,
                     LiveGrants live) {
        this.tenants = tenants;
        this.identity = identity;
        this.policy = policy;
        this.audit = audit;
        this.live = live;
    }

    /**
     * The session's connection has closed: the session-closed event, and identity-service hears that the session
     * ended (it no longer counts under the user's session limit).
     */
    public void closed(GatewaySession s) {
        live.closed(s);
        audit.closed(s);
    }

    /**
     * Step 1, when a client connects: is its address banned? When the tenant is already known (TLS SNI) the
     * session-opened event is published now, else at the first login attempt, so it carries the tenant.
     */
    public Reason connect(GatewaySession s) {
        if (s.tenant() != null) {
            audit.opened(s);
        }
        if (!audit.accepting()) {
            LOG.warnf("%s: connection refused, reason=%s: the audit spool cannot take events",
                    s, Reason.AUDIT_UNAVAILABLE.code());
            return Reason.AUDIT_UNAVAILABLE;
        }
        Decision d;
        try {
            d = policy.checkConnect(s.clientIp(), null, s.protocol());
        } catch (RuntimeException e) {
            LOG.warnf("%s: policy-service unreachable at connect: %s", s, e.toString());
            // fail closed, and on the record: the client was turned away although policy never decided
            audit.policyDenied(s, null, Reason.SERVICE_UNAVAILABLE, "connect");
            return Reason.SERVICE_UNAVAILABLE;
        }
        if (!d.allowed()) {
            LOG.infof("%s: connection refused, reason=%s", s, d.reason().code());
            audit.policyDenied(s, null, d.reason(), "connect");
        }
        return d.reason();
    }

    /**
     * Steps 2-6. On success the session is logged in; otherwise the returned reason is what the reply shows.
     *
     * @param hostName host name from SNI or FTP HOST, or null
     * @param otp      separately given second-factor code (keyboard-interactive), or null
     */
    public Reason login(GatewaySession s, String hostName, String loginName, String password, String otp) {
        return run(s, hostName, loginName, true, (tenant, who) -> identity.authenticate(
                new Credentials(tenant, who, password, otp, s.clientIp(), s.protocol(), s.id())));
    }

    /**
     * Steps 2-6 for a client that proved (SSH signature, verified by the gateway) it holds the private key of
     * {@code publicKeyOpenSsh} (one OpenSSH line). A key that is not the user's is audited but not reported to the
     * defender as a failed login: SSH clients offer every key they hold in turn, and a key is no guessable secret.
     */
    public Reason loginWithPublicKey(GatewaySession s, String hostName, String loginName, String publicKeyOpenSsh) {
        return run(s, hostName, loginName, false, (tenant, who) -> identity.authenticatePublicKey(tenant, who,
                publicKeyOpenSsh, s.clientIp(), s.protocol(), s.id()));
    }

    /**
     * Steps 2-6 for a browser that signed in through Keycloak (gateway-web): {@code accessToken} is the token the
     * tenant's web client issued, {@code loginName} the user name its (verified) ID token names, for the audit.
     * Keycloak counted the guesses on its own login page, so refusals here are not reported to the defender.
     */
    public Reason loginWithToken(GatewaySession s, String hostName, String loginName, String accessToken) {
        return run(s, hostName, loginName, false, (tenant, who) -> identity.authenticateToken(tenant, accessToken,
                s.clientIp(), s.protocol(), s.id()));
    }

    /** The identity step of a login: one call to identity-service with whatever the client presented. */
    private interface IdentityCheck {
        AuthResult check(String tenant, String username);
    }

    private Reason run(GatewaySession s, String hostName, String loginName, boolean reportFailures,
                       IdentityCheck check) {
        TenantResolver.Resolved r = tenants.resolve(hostName, loginName);
        String who = r.username();
        if (!audit.accepting()) {
            // before identity: no credential is checked that could not be recorded
            LOG.warnf("%s: login refused for %s, reason=%s: the audit spool cannot take events", s, printable(who),
                    Reason.AUDIT_UNAVAILABLE.code());
            return Reason.AUDIT_UNAVAILABLE;
        }
        if (r.tenant() == null) {
            LOG.infof("%s: login refused for %s, reason=%s", s, printable(who), Reason.UNKNOWN_TENANT.code());
            audit.loginFailed(s, who, Reason.UNKNOWN_TENANT);
            return Reason.UNKNOWN_TENANT;
        }
        s.tenant(r.tenant());
        audit.opened(s);
        try {
            Decision site = policy.checkConnect(s.clientIp(), r.tenant(), s.protocol());
            if (!site.allowed()) {
                return refuse(s, who, site.reason(), true);
            }
            AuthResult auth = check.check(r.tenant(), who);
            s.portalUrl(auth.ok() ? null : auth.portalUrl());
            if (!auth.ok()) {
                if (reportFailures && isGuess(auth.reason())) {
                    policy.reportLoginFailure(s.clientIp(), r.tenant(), who, s.protocol());
                }
                return refuse(s, who, auth.reason(), false);
            }
            Decision d = policy.checkLogin(auth.principal(), s.protocol(), s.clientIp(), s.protocol().encrypted());
            if (!d.allowed()) {
                live.discarded(s, auth.grant());
                return refuse(s, who, d.reason(), true);
            }
            s.login(auth.principal(), new SessionGrant(r.tenant(), auth.grant(), identity::renewGrant));
            s.activeFtp(d.activeFtp());
            live.add(s);
        } catch (WharfException e) {
            return refuse(s, who, e.reason(), false);
        } catch (RuntimeException e) {
            LOG.warnf("%s: login of %s failed: identity or policy service unreachable: %s", s, printable(who),
                    e.toString());
            audit.loginFailed(s, who, Reason.SERVICE_UNAVAILABLE);
            return Reason.SERVICE_UNAVAILABLE;
        }
        LOG.infof("%s: login succeeded", s);
        audit.loginSucceeded(s);
        return Reason.OK;
    }

    /**
     * Whether a refusal was a wrong guess the defender should count against the address. Not the first half of a
     * 2FA login, an account throttled by others' failures, nor anything refused after the password was verified:
     * a user who knows the password is no guesser, and must never be banned for being throttled (issue 11).
     */
    static boolean isGuess(Reason reason) {
        return switch (reason) {
            case BAD_CREDENTIALS, SECOND_FACTOR_INVALID, UNKNOWN_TENANT -> true;
            default -> false;
        };
    }

    private Reason refuse(GatewaySession s, String who, Reason reason, boolean byPolicy) {
        LOG.infof("%s: login refused for %s, reason=%s", s, printable(who), reason.code());
        if (byPolicy) {
            audit.policyDenied(s, who, reason, "login");
        }
        audit.loginFailed(s, who, reason);
        return reason;
    }

    private static String printable(String s) {
        return dev.wharf.core.files.VirtualPaths.printable(s);
    }
}
