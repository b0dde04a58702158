package dev.wharf.web.signin;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.identity.IdentityPort;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.core.policy.PolicyPort;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.Protocol;
import dev.wharf.core.session.TenantResolver;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway session behind a signed-in browser. The first page request with a new access token runs the login
 * chain every gateway runs (policy, identity's token check, audit) and keeps the session, with its storage grant,
 * until the token expires; a replica that has not seen the token runs the chain again (the gateway keeps no state
 * that another replica needs).
 */
@ApplicationScoped
public class WebSessions {
    /** Audit source of this gateway. */
    public static final String GATEWAY = "/gateway-web";
    private static final int MAX_SESSIONS = 10_000;

    private final LoginFlow login;
    private final SessionAudit audit;
    private final Clock clock;
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

    private record Entry(GatewaySession session, Instant until) {
    }

    @Inject
    public WebSessions(TenantResolver tenants, IdentityPort identity, PolicyPort policy, AuditSink sink) {
        this.audit = new SessionAudit(sink);
        // the portal names its tenant by host name only, never by the gateways' default tenant
        this.login = new LoginFlow(tenants.withDefaultTenant(null), identity, policy, audit);
        this.clock = Clock.systemUTC();
    }

    public SessionAudit audit() {
        return audit;
    }

    /**
     * The logged-in session of this access token, signing it in on first use.
     *
     * @param loginName the user name of the verified ID token (for the audit of a refusal)
     * @throws WharfException with the refusal's reason (the same code as in the audit event and the log line)
     */
    public GatewaySession session(String host, String loginName, String accessToken, Instant tokenExpiry,
                                  String clientIp, int clientPort) {
        String key = digest(accessToken);
        Instant now = clock.instant();
        Entry e = sessions.get(key);
        if (e != null && now.isBefore(e.until())) {
            return e.session();
        }
        GatewaySession s = new GatewaySession(GATEWAY, Protocol.HTTPS, clientIp, clientPort);
        Reason r = login.loginWithToken(s, host, loginName, accessToken);
        if (r != Reason.OK) {
            throw new WharfException(r, "sign-in refused");
        }
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(old -> !now.isBefore(old.until()));
            if (sessions.size() >= MAX_SESSIONS) {
                sessions.clear();
            }
        }
        sessions.put(key, new Entry(s, tokenExpiry));
        return s;
    }

    /**
     * The browser signed out (Quarkus OIDC's RP-initiated sign-out, also of an expired session): its session ends
     * here with its {@code session.closed} event, as an FTP or SFTP session's does when the connection closes.
     */
    void signedOut(@Observes SecurityEvent event) {
        if (event.getEventType() != SecurityEvent.Type.OIDC_LOGOUT_RP_INITIATED
                && event.getEventType() != SecurityEvent.Type.OIDC_LOGOUT_RP_INITIATED_SESSION_EXPIRED) {
            return;
        }
        AccessTokenCredential token = event.getSecurityIdentity() == null ? null
                : event.getSecurityIdentity().getCredential(AccessTokenCredential.class);
        Entry e = token == null ? null : sessions.remove(digest(token.getToken()));
        if (e != null) {
            login.closed(e.session());
        }
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
