package dev.wharf.sftp.server;

import dev.wharf.core.Reason;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.Protocol;
import dev.wharf.sftp.session.SftpSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.session.ServerSession;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.Executor;

/**
 * Gives every SSH connection its {@link GatewaySession}: created with the connection, checked against policy in
 * the background (banned addresses are disconnected with the reason), and reported closed when it ends.
 */
final class SessionTracker implements SessionListener {
    private static final Logger LOG = Logger.getLogger(SessionTracker.class);

    private final LoginFlow login;
    private final SessionAudit audit;
    private final SftpMetrics metrics;
    private final Executor blocking;

    SessionTracker(LoginFlow login, SessionAudit audit, SftpMetrics metrics, Executor blocking) {
        this.login = login;
        this.audit = audit;
        this.metrics = metrics;
        this.blocking = blocking;
    }

    @Override
    public void sessionCreated(Session session) {
        if (!(session instanceof ServerSession server)) {
            return;
        }
        SocketAddress peer = server.getClientAddress();
        String ip = peer instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : String.valueOf(peer);
        int port = peer instanceof InetSocketAddress a ? a.getPort() : 0;
        GatewaySession gateway = new GatewaySession(SftpSession.GATEWAY, Protocol.SFTP, ip, port);
        SftpSession state = SftpSession.attach(server, gateway);
        metrics.sessionOpened();
        LOG.debugf("%s: connected", gateway);
        // the policy call is remote: run it off the I/O thread while the client negotiates keys
        blocking.execute(() -> {
            Reason decision;
            try {
                decision = login.connect(gateway);
            } catch (RuntimeException e) {
                LOG.warnf("%s: connect check failed: %s", gateway, e.toString());
                decision = Reason.SERVICE_UNAVAILABLE;
            }
            state.connectDecision().complete(decision);
            if (decision != Reason.OK) {
                refuse(server, gateway, decision);
            }
        });
    }

    private static void refuse(ServerSession session, GatewaySession gateway, Reason reason) {
        int code = reason == Reason.SERVICE_UNAVAILABLE ? SshConstants.SSH2_DISCONNECT_SERVICE_NOT_AVAILABLE
                : SshConstants.SSH2_DISCONNECT_HOST_NOT_ALLOWED_TO_CONNECT;
        try {
            session.disconnect(code, reason.code() + ": " + reason.userMessage());
        } catch (IOException e) {
            LOG.debugf("%s: disconnect failed, closing: %s", gateway, e.toString());
            session.close(true);
        }
    }

    @Override
    public void sessionClosed(Session session) {
        SftpSession state = SftpSession.of(session);
        if (state == null) {
            return;
        }
        metrics.sessionClosed();
        // after the opened event, which the connect check publishes
        state.connectDecision().whenComplete((r, e) -> {
            LOG.debugf("%s: closed", state.gateway());
            audit.closed(state.gateway());
        });
    }
}
