package dev.wharf.ftp.control;

import dev.wharf.core.Reason;
import dev.wharf.ftp.session.ClientAddress;
import dev.wharf.ftp.session.FtpSessions;
import dev.wharf.ftp.session.RefusalAudit;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits connections that have not logged in: at most {@code maxUnauthenticated} at once per replica (beyond it
 * {@code 421} before the greeting, like the other caps), and each must log in within {@code loginTimeout} (then
 * {@code 421} and close). A connection counts as logged in once a {@code 230} reply is sent.
 */
public final class LoginGateFilter extends IoFilterAdapter {
    private static final Logger LOG = Logger.getLogger(LoginGateFilter.class);
    private static final String WAITING = "dev.wharf.ftp.login-waiting";
    private static final String TIMER = "dev.wharf.ftp.login-timer";
    private static final String REFUSED = "dev.wharf.ftp.login-gate-refused";

    private final RefusalAudit audit;
    private final int maxUnauthenticated;
    private final Duration loginTimeout;
    private final ScheduledExecutorService timers;
    private final AtomicInteger waiting = new AtomicInteger();

    /** @param maxUnauthenticated 0 = unlimited; @param loginTimeout zero = none */
    public LoginGateFilter(int maxUnauthenticated, Duration loginTimeout, ScheduledExecutorService timers,
                           RefusalAudit audit) {
        this.audit = audit;
        this.maxUnauthenticated = maxUnauthenticated;
        this.loginTimeout = loginTimeout;
        this.timers = timers;
    }

    @Override
    public void sessionOpened(NextFilter next, IoSession session) throws Exception {
        int now = waiting.incrementAndGet();
        session.setAttribute(WAITING, Boolean.TRUE);
        if (maxUnauthenticated > 0 && now > maxUnauthenticated) {
            LOG.infof("connection from %s refused: %d connections not logged in, reason=%s",
                    ClientAddress.textOf(session), now, Reason.SERVICE_UNAVAILABLE.code());
            audit.refused(session, Reason.SERVICE_UNAVAILABLE, "unauthenticated-limit");
            session.setAttribute(REFUSED, Boolean.TRUE);
            session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
                    "Too many connections waiting to log in: try again later."));
            session.closeOnFlush();
            return;
        }
        if (!loginTimeout.isZero() && !loginTimeout.isNegative()) {
            ScheduledFuture<?> timer = timers.schedule(() -> timedOut(session), loginTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            session.setAttribute(TIMER, timer);
        }
        next.sessionOpened(session);
    }

    private void timedOut(IoSession session) {
        if (!session.isConnected() || !session.containsAttribute(WAITING)) {
            return;
        }
        LOG.infof("%s: not logged in within %s, closing", session.getAttribute(FtpSessions.GATEWAY_SESSION),
                loginTimeout);
        session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
                "Login timeout: no successful login within " + loginTimeout.toSeconds()
                        + " seconds. Closing the connection."));
        session.closeOnFlush();
    }

    @Override
    public void filterWrite(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (request.getMessage() instanceof FtpReply reply
                && reply.getCode() == FtpReply.REPLY_230_USER_LOGGED_IN) {
            loggedIn(session);
        }
        next.filterWrite(session, request);
    }

    private void loggedIn(IoSession session) {
        if (session.removeAttribute(WAITING) != null) {
            waiting.decrementAndGet();
        }
        if (session.removeAttribute(TIMER) instanceof ScheduledFuture<?> timer) {
            timer.cancel(false);
        }
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        loggedIn(session); // frees the slot and the timer
        if (session.containsAttribute(REFUSED)) {
            return; // the library never saw this connection open
        }
        next.sessionClosed(session);
    }

    /** Connections not logged in now (for tests and metrics). */
    public int waiting() {
        return waiting.get();
    }
}
