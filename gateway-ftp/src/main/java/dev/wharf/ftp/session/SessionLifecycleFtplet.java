package dev.wharf.ftp.session;

import dev.wharf.api.trace.SessionTracer;
import dev.wharf.core.Reason;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.Protocol;
import dev.wharf.ftp.metrics.FtpMetrics;
import io.opentelemetry.api.trace.Span;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.jboss.logging.Logger;

import java.net.InetSocketAddress;

/**
 * Opens and closes the {@link GatewaySession} of each control connection: at connect it asks policy (through
 * {@link LoginFlow#connect}) whether the address may connect at all and refuses with 421; at disconnect it publishes
 * the session-closed event. File events are published by the core file operations, not here.
 */
public final class SessionLifecycleFtplet extends DefaultFtplet {
    private static final Logger LOG = Logger.getLogger(SessionLifecycleFtplet.class);

    private final LoginFlow loginFlow;
    private final SessionAudit audit;
    private final FtpMetrics metrics;
    private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();

    private final SessionTracer tracer;

    public SessionLifecycleFtplet(LoginFlow loginFlow, SessionAudit audit, FtpMetrics metrics, SessionTracer tracer) {
        this.tracer = tracer;
        this.loginFlow = loginFlow;
        this.audit = audit;
        this.metrics = metrics;
    }

    @Override
    public FtpletResult onConnect(FtpSession session) throws FtpException {
        // the PROXY header's source when a trusted balancer sent one (ProxyProtocolFilter)
        InetSocketAddress peer = session.getAttribute(ClientAddress.ATTRIBUTE) instanceof InetSocketAddress proxied
                ? proxied : session.getClientAddress();
        GatewaySession gs = new GatewaySession(FtpSessions.SOURCE, session.isSecure() ? Protocol.FTPS : Protocol.FTP,
                peer.getAddress().getHostAddress(), peer.getPort());
        session.setAttribute(FtpSessions.GATEWAY_SESSION, gs);
        Span span = tracer.open(gs);
        session.setAttribute(FtpSessions.SESSION_SPAN, span);
        open.incrementAndGet();
        metrics.sessionOpened();
        try (SessionTracer.Event ignored = tracer.enter(gs, span, "FTP connect")) {
            Reason reason = loginFlow.connect(gs);
            if (reason != Reason.OK) {
                session.write(new DefaultFtpReply(
                        FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION, reason.userMessage()));
                return FtpletResult.DISCONNECT;
            }
            LOG.debugf("%s: connected", gs);
            return FtpletResult.DEFAULT;
        }
    }

    /** Sessions opened and not yet closed (their closed event not yet published). */
    public int openSessions() {
        return open.get();
    }

    @Override
    public FtpletResult afterCommand(FtpSession session, FtpRequest request, FtpReply reply) {
        if ("AUTH".equals(request.getCommand())) {
            GatewaySession gs = FtpSessions.of(session);
            if (gs != null) {
                FtpSessions.refreshProtocol(gs, session.isSecure());
            }
        }
        return FtpletResult.DEFAULT;
    }

    @Override
    public FtpletResult onDisconnect(FtpSession session) {
        GatewaySession gs = FtpSessions.of(session);
        if (gs != null) {
            Span span = (Span) session.getAttribute(FtpSessions.SESSION_SPAN);
            try (SessionTracer.Event ignored = tracer.enter(gs, span, "FTP disconnect")) {
                open.decrementAndGet();
                metrics.sessionClosed();
                loginFlow.closed(gs);
                LOG.debugf("%s: disconnected", gs);
            } finally {
                tracer.close(gs, span);
            }
        }
        return FtpletResult.DEFAULT;
    }
}
