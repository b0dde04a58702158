package dev.wharf.ftp.control;

import dev.wharf.core.Reason;
import dev.wharf.ftp.session.ClientAddress;
import dev.wharf.ftp.session.RefusalAudit;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.jboss.logging.Logger;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps control connections per replica and per client address. A connection over a cap gets {@code 421} and is
 * closed before the library greets it, so it never reaches policy or the ftplets; the refusal is audited.
 */
public final class ConnectionLimitFilter extends IoFilterAdapter {
    private static final Logger LOG = Logger.getLogger(ConnectionLimitFilter.class);
    private static final String COUNTED = "dev.wharf.ftp.limit-counted";
    private static final String REFUSED = "dev.wharf.ftp.limit-refused";

    private final RefusalAudit audit;
    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentMap<String, Integer> perAddress = new ConcurrentHashMap<>();

    /** @param maxTotal connections per replica, 0 = unlimited; @param maxPerAddress per client address, 0 = unlimited */
    public ConnectionLimitFilter(int maxTotal, int maxPerAddress, RefusalAudit audit) {
        this.audit = audit;
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    @Override
    public void sessionOpened(NextFilter next, IoSession session) throws Exception {
        String address = address(session);
        int all = total.incrementAndGet();
        int mine = perAddress.merge(address, 1, Integer::sum);
        session.setAttribute(COUNTED, address);
        String refusal = null;
        if (maxTotal > 0 && all > maxTotal) {
            refusal = "Too many connections to this server: try again later.";
        } else if (maxPerAddress > 0 && mine > maxPerAddress) {
            refusal = "Too many connections from your address (at most " + maxPerAddress
                    + "): close some and try again.";
        }
        if (refusal == null) {
            next.sessionOpened(session);
            return;
        }
        LOG.infof("connection from %s refused: %d open in total, %d from that address, reason=%s", address, all,
                mine, Reason.SERVICE_UNAVAILABLE.code());
        audit.refused(session, Reason.SERVICE_UNAVAILABLE, "connection-limit");
        session.setAttribute(REFUSED, Boolean.TRUE);
        session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
                refusal));
        session.closeOnFlush();
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        if (session.getAttribute(COUNTED) instanceof String address) {
            total.decrementAndGet();
            perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
        if (session.containsAttribute(REFUSED)) {
            return; // the library never saw this connection open: it must not see it close
        }
        next.sessionClosed(session);
    }

    /** Connections counted now (for tests and metrics). */
    public int open() {
        return total.get();
    }

    private static String address(IoSession session) {
        return ClientAddress.textOf(session);
    }
}
