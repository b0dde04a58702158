package dev.wharf.ftp.control;

import dev.wharf.edge.Refusal;
import dev.wharf.edge.limits.ConnectionLimits;
import dev.wharf.ftp.session.ClientAddress;
import dev.wharf.ftp.session.RefusalAudit;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.jboss.logging.Logger;

/**
 * MINA's glue to wharf-edge's {@link ConnectionLimits}: a control connection takes a ticket when it opens (after
 * any PROXY header, so under the real client address), gives up its "logging in" slot with the {@code 230} reply
 * and its slot when it closes. A connection over a cap gets {@code 421} and is closed before the library greets it,
 * so it never reaches policy or the ftplets; the refusal is logged and audited with the edge's stage and reason.
 */
public final class ConnectionLimitFilter extends IoFilterAdapter {
    private static final Logger LOG = Logger.getLogger(ConnectionLimitFilter.class);
    private static final String TICKET = "dev.wharf.ftp.limit-ticket";
    private static final String REFUSED = "dev.wharf.ftp.limit-refused";

    private final RefusalAudit audit;
    private final ConnectionLimits limits;

    public ConnectionLimitFilter(ConnectionLimits limits, RefusalAudit audit) {
        this.audit = audit;
        this.limits = limits;
    }

    @Override
    public void sessionOpened(NextFilter next, IoSession session) throws Exception {
        String address = ClientAddress.textOf(session);
        ConnectionLimits.Ticket ticket = limits.connected();
        session.setAttribute(TICKET, ticket);
        Refusal refusal = ticket.refusal() != null ? ticket.refusal() : ticket.identified(address);
        if (refusal == null) {
            next.sessionOpened(session);
            return;
        }
        LOG.infof("connection from %s refused: %s (%d open, %d not logged in), reason=%s", address, refusal.cause(),
                limits.connections(), limits.startups(), refusal.reason().code());
        audit.refused(session, refusal.reason(), refusal.stage().code());
        session.setAttribute(REFUSED, Boolean.TRUE);
        session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
                refusal.message()));
        session.closeOnFlush();
    }

    @Override
    public void filterWrite(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (LoginGateFilter.isLoginReply(request) && session.getAttribute(TICKET) instanceof ConnectionLimits.Ticket t) {
            t.loggedIn();
        }
        next.filterWrite(session, request);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        if (session.getAttribute(TICKET) instanceof ConnectionLimits.Ticket t) {
            t.closed();
        }
        if (session.containsAttribute(REFUSED)) {
            return; // the library never saw this connection open: it must not see it close
        }
        next.sessionClosed(session);
    }

    /** Connections counted now (for tests and metrics). */
    public int open() {
        return limits.connections();
    }

    /** Connections not logged in now (for tests and metrics). */
    public int waiting() {
        return limits.startups();
    }
}
