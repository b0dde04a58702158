package dev.wharf.ftp.control;

import dev.wharf.ftp.session.FtpSessions;
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

/**
 * Each connection must log in within {@code loginTimeout}, else {@code 421} and close. A connection counts as logged
 * in once a {@code 230} reply is sent. (How many may be logging in at once is {@link ConnectionLimitFilter}'s.)
 */
public final class LoginGateFilter extends IoFilterAdapter {
    private static final Logger LOG = Logger.getLogger(LoginGateFilter.class);
    private static final String TIMER = "dev.wharf.ftp.login-timer";

    private final Duration loginTimeout;
    private final ScheduledExecutorService timers;

    /** @param loginTimeout zero = none */
    public LoginGateFilter(Duration loginTimeout, ScheduledExecutorService timers) {
        this.loginTimeout = loginTimeout;
        this.timers = timers;
    }

    /** Whether {@code request} is the {@code 230} reply that ends the login. */
    static boolean isLoginReply(WriteRequest request) {
        return request.getMessage() instanceof FtpReply reply && reply.getCode() == FtpReply.REPLY_230_USER_LOGGED_IN;
    }

    @Override
    public void sessionOpened(NextFilter next, IoSession session) throws Exception {
        if (!loginTimeout.isZero() && !loginTimeout.isNegative()) {
            ScheduledFuture<?> timer = timers.schedule(() -> timedOut(session), loginTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            session.setAttribute(TIMER, timer);
        }
        next.sessionOpened(session);
    }

    private void timedOut(IoSession session) {
        if (!session.isConnected() || session.removeAttribute(TIMER) == null) {
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
        if (isLoginReply(request)) {
            cancel(session);
        }
        next.filterWrite(session, request);
    }

    private static void cancel(IoSession session) {
        if (session.removeAttribute(TIMER) instanceof ScheduledFuture<?> timer) {
            timer.cancel(false);
        }
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        cancel(session);
        next.sessionClosed(session);
    }
}
