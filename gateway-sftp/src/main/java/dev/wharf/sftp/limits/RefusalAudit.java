package dev.wharf.sftp.limits;

import dev.wharf.core.Reason;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.Protocol;
import dev.wharf.sftp.session.SftpSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.session.ServerSession;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Audits a connection the gateway itself cut (a connection limit, the login grace time, too many failed
 * authentication attempts) as a {@code policy.denied} event with the reason code of the disconnect message and the
 * log line, as gateway-ftp does for its 421 refusals (the connection limits' stages are wharf-edge's). A connection refused before its identification line has no
 * {@link GatewaySession} yet: one is made for the event.
 */
public final class RefusalAudit {
    /** Stage of a session closed by {@code login-grace-time}. */
    public static final String LOGIN_GRACE_TIME = "login-grace-time";
    /** Stage of a session closed by {@code max-auth-attempts}. */
    public static final String MAX_AUTH_ATTEMPTS = "max-auth-attempts";

    private final SessionAudit audit;

    public RefusalAudit(SessionAudit audit) {
        this.audit = audit;
    }

    /** @param stage one of the constants above: what cut the connection */
    public void refused(Session session, Reason reason, String stage) {
        refused(session, null, reason, stage);
    }

    /** @param attemptedUser the login name the client tried (too many attempts), or null */
    public void refused(Session session, String attemptedUser, Reason reason, String stage) {
        SftpSession state = SftpSession.of(session);
        GatewaySession gs = state != null ? state.gateway() : detached(session);
        audit.policyDenied(gs, attemptedUser != null ? attemptedUser : gs.username(), reason, stage);
    }

    private static GatewaySession detached(Session session) {
        // the PROXY header's source once the identification line arrived, else the socket's peer
        SocketAddress peer = session instanceof ServerSession s && s.getClientAddress() != null
                ? s.getClientAddress() : session.getIoSession().getRemoteAddress();
        InetSocketAddress a = peer instanceof InetSocketAddress i ? i : null;
        return new GatewaySession(SftpSession.GATEWAY, Protocol.SFTP,
                a == null || a.getAddress() == null ? "unknown" : a.getAddress().getHostAddress(),
                a == null ? 0 : a.getPort());
    }
}
