package dev.wharf.sftp.server;

import dev.wharf.api.trace.SessionTracer;
import dev.wharf.core.Reason;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.Protocol;
import dev.wharf.edge.Refusal;
import dev.wharf.edge.limits.ConnectionLimits;
import dev.wharf.sftp.limits.RefusalAudit;
import dev.wharf.sftp.proxy.ProxyProtocolAcceptor;
import dev.wharf.sftp.session.LoginFlows;
import dev.wharf.sftp.session.SftpSession;
import dev.wharf.sftp.session.TenantAddresses;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.session.ServerSession;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Counts every connection against the limits from the moment it is accepted, and gives it its
 * {@link GatewaySession} once the client's identification line arrived (after any
 * PROXY header, so the address is the real client's): checks the connection limits, picks the login chain by the
 * destination address, checks the address against policy in the background (banned addresses are disconnected
 * with the reason), and reports the session closed when it ends. A connection that closes before identifying
 * itself (a balancer's health probe, a port scan) leaves no trace: no session, no audit event, no error log.
 */
final class SessionTracker implements SessionListener {
    private static final Logger LOG = Logger.getLogger(SessionTracker.class);
    private static final AttributeRepository.AttributeKey<ConnectionLimits.Ticket> TICKET =
            new AttributeRepository.AttributeKey<>();

    private final LoginFlows logins;
    private final TenantAddresses tenantAddresses;
    private final ConnectionLimits limits;
    private final SessionAudit audit;
    private final RefusalAudit refusals;
    private final SftpMetrics metrics;
    private final Executor blocking;
    private final SessionTracer tracer;
    private volatile boolean draining;

    SessionTracker(LoginFlows logins, TenantAddresses tenantAddresses, ConnectionLimits limits, SessionAudit audit,
                   SftpMetrics metrics, Executor blocking, SessionTracer tracer) {
        this.tracer = tracer;
        this.logins = logins;
        this.tenantAddresses = tenantAddresses;
        this.limits = limits;
        this.audit = audit;
        this.refusals = new RefusalAudit(audit);
        this.metrics = metrics;
        this.blocking = blocking;
    }

    /** From now on new connections are turned away with a message (graceful shutdown). */
    void drain() {
        draining = true;
    }

    boolean draining() {
        return draining;
    }

    @Override
    public void sessionCreated(Session session) {
        if (!(session instanceof ServerSession server)) {
            return;
        }
        ConnectionLimits.Ticket ticket = limits.connected();
        server.setAttribute(TICKET, ticket);
        if (ticket.refusal() != null) {
            refuse(server, peerIp(server.getIoSession().getRemoteAddress()), ticket.refusal());
        }
    }

    @Override
    public void sessionPeerIdentificationReceived(Session session, String version, List<String> extraLines) {
        if (!(session instanceof ServerSession server) || SftpSession.of(server) != null) {
            return;
        }
        SocketAddress peer = server.getClientAddress();
        String ip = peerIp(peer);
        int port = peer instanceof InetSocketAddress a ? a.getPort() : 0;
        if (draining) {
            LOG.infof("connection from %s refused, reason=%s: shutting down", ip, Reason.SERVICE_UNAVAILABLE.code());
            metrics.refused("shutting_down");
            disconnect(server, SshConstants.SSH2_DISCONNECT_SERVICE_NOT_AVAILABLE,
                    "This server is shutting down: connect again in a moment.");
            return;
        }
        ConnectionLimits.Ticket ticket = server.getAttribute(TICKET);
        if (ticket == null || ticket.refusal() != null) {
            return; // refused when it connected
        }
        if (ticket.identified(ip) != null) {
            refuse(server, ip, ticket.refusal());
            return;
        }
        GatewaySession gateway = new GatewaySession(SftpSession.GATEWAY, Protocol.SFTP, ip, port);
        String tenant = tenantAddresses.tenantFor(destination(server));
        SftpSession state = SftpSession.attach(server, gateway, logins.forDestinationTenant(tenant),
                tracer);
        metrics.sessionOpened();
        LOG.debugf("%s: connected (%s)", gateway, version);
        // the policy call is remote: run it off the I/O thread while the client negotiates keys
        blocking.execute(() -> {
            Reason decision;
            try (SessionTracer.Event ignored = state.trace("SFTP connect")) {
                decision = state.login().connect(gateway);
            } catch (RuntimeException e) {
                LOG.warnf("%s: connect check failed: %s", gateway, e.toString());
                decision = Reason.SERVICE_UNAVAILABLE;
            }
            state.connectDecision().complete(decision);
            if (decision != Reason.OK) {
                int code = decision == Reason.SERVICE_UNAVAILABLE || decision == Reason.AUDIT_UNAVAILABLE
                        ? SshConstants.SSH2_DISCONNECT_SERVICE_NOT_AVAILABLE
                        : SshConstants.SSH2_DISCONNECT_HOST_NOT_ALLOWED_TO_CONNECT;
                LingeringDisconnect.refuse(server, code, decision.code() + ": " + decision.userMessage());
            }
        });
    }

    /** Where the client connected to: the PROXY header's destination, else this socket's local address. */
    private static InetSocketAddress destination(ServerSession session) {
        InetSocketAddress proxied = ProxyProtocolAcceptor.destination(session);
        if (proxied != null) {
            return proxied;
        }
        return session.getIoSession().getLocalAddress() instanceof InetSocketAddress local ? local : null;
    }

    @Override
    public void sessionNegotiationEnd(Session session, Map<KexProposalOption, String> clientProposal,
                                      Map<KexProposalOption, String> serverProposal,
                                      Map<KexProposalOption, String> negotiated, Throwable reason) {
        SftpSession state = SftpSession.of(session);
        if (reason == null && state != null && LOG.isDebugEnabled()) {
            LOG.debugf("%s: %s negotiated kex=%s hostkey=%s cipher=%s mac=%s", state.gateway(),
                    session.getClientVersion(), negotiated.get(KexProposalOption.ALGORITHMS),
                    negotiated.get(KexProposalOption.SERVERKEYS), negotiated.get(KexProposalOption.C2SENC),
                    negotiated.get(KexProposalOption.C2SMAC));
        }
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated && session.getAttribute(TICKET) instanceof ConnectionLimits.Ticket t) {
            t.loggedIn();
        }
    }

    @Override
    public void sessionClosed(Session session) {
        if (session.getAttribute(TICKET) instanceof ConnectionLimits.Ticket t) {
            t.closed();
        }
        SftpSession state = SftpSession.of(session);
        if (state == null) {
            return;
        }
        metrics.sessionClosed();
        // after the opened event, which the connect check publishes
        state.connectDecision().whenComplete((r, e) -> {
            try (SessionTracer.Event ignored = state.trace("SFTP disconnect")) {
                LOG.debugf("%s: closed", state.gateway());
                logins.closed(state.gateway());
            } finally {
                state.traceClosed();
            }
        });
    }

    private static String peerIp(SocketAddress peer) {
        return peer instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(peer);
    }

    private void refuse(ServerSession server, String ip, Refusal refusal) {
        LOG.infof("connection from %s refused, reason=%s: %s", ip, refusal.reason().code(), refusal.message());
        metrics.refused(refusal.cause());
        refusals.refused(server, refusal.reason(), refusal.stage().code());
        disconnect(server, SshConstants.SSH2_DISCONNECT_TOO_MANY_CONNECTIONS, refusal.message());
    }

    /** Off the I/O thread that is delivering this event. */
    private void disconnect(ServerSession session, int code, String message) {
        blocking.execute(() -> LingeringDisconnect.refuse(session, code,
                Reason.SERVICE_UNAVAILABLE.code() + ": " + message));
    }

    static void disconnectNow(ServerSession session, int code, String message) {
        try {
            session.disconnect(code, message);
        } catch (IOException e) {
            LOG.debugf("disconnect failed, closing: %s", e.toString());
            session.close(true);
        }
    }
}
