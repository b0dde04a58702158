package dev.wharf.ftp.session;

import dev.wharf.core.Reason;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.Protocol;
import org.apache.mina.core.session.IoSession;

import java.net.InetSocketAddress;

/**
 * Audits a refusal of the control connection itself (a cap, a hostile client, a forged PROXY header) as a
 * {@code policy.denied} event with the same reason code as the reply and the log line. A connection refused before
 * the library opened it has no {@link GatewaySession} yet: one is made for the event.
 */
public final class RefusalAudit {
    private final SessionAudit audit;

    public RefusalAudit(SessionAudit audit) {
        this.audit = audit;
    }

    /** @param stage what refused, e.g. {@code connection-limit}, {@code proxy-protocol}, {@code unknown-commands} */
    public void refused(IoSession session, Reason reason, String stage) {
        GatewaySession gs = session.getAttribute(FtpSessions.GATEWAY_SESSION) instanceof GatewaySession existing
                ? existing : detached(session);
        audit.policyDenied(gs, gs.username(), reason, stage);
    }

    private static GatewaySession detached(IoSession session) {
        InetSocketAddress client = ClientAddress.of(session);
        boolean tls = session.getFilterChain().contains("sslFilter");
        return new GatewaySession(FtpSessions.SOURCE, tls ? Protocol.FTPS : Protocol.FTP,
                client == null ? "unknown" : client.getAddress().getHostAddress(), client == null ? 0 : client.getPort());
    }
}
