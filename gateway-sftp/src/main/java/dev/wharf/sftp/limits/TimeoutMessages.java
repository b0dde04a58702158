package dev.wharf.sftp.limits;

import dev.wharf.core.Reason;
import dev.wharf.sftp.session.SftpSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionDisconnectHandler;
import org.apache.sshd.common.session.helpers.TimeoutIndicator;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;

/**
 * Says why a session is closed when the login grace time or the idle timeout expires (SSHD's own text is
 * "Detected AuthTimeout after ..."), and keeps a session whose transfer is running: a file handle is open while
 * the server waits on storage (a large upload committing at close, a slow read), and no client message arrives.
 */
public final class TimeoutMessages implements SessionDisconnectHandler {
    private static final Logger LOG = Logger.getLogger(TimeoutMessages.class);

    private final RefusalAudit refusals;

    /** @param refusals audits a login grace time that ran out */
    public TimeoutMessages(RefusalAudit refusals) {
        this.refusals = refusals;
    }

    @Override
    public boolean handleTimeoutDisconnectReason(Session session, TimeoutIndicator timeout) throws IOException {
        SftpSession state = SftpSession.of(session);
        long seconds = Math.max(1, timeout.getThresholdValue().toSeconds());
        switch (timeout.getStatus()) {
            case AuthTimeout -> {
                LOG.infof("%s: login grace time of %d s exceeded, reason=%s", state != null ? state.gateway()
                        : session.getRemoteAddress(), seconds, Reason.SERVICE_UNAVAILABLE.code());
                refusals.refused(session, Reason.SERVICE_UNAVAILABLE, RefusalAudit.LOGIN_GRACE_TIME);
                session.disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION,
                        Reason.SERVICE_UNAVAILABLE.code() + ": Login grace time of " + seconds
                                + " s exceeded: log in within " + seconds + " s of connecting.");
                return true;
            }
            case IdleTimeout -> {
                if (state != null && state.transferring()) {
                    LOG.debugf("%s: idle for %s with a file open: kept", state.gateway(), format(timeout.getExpiredValue()));
                    return true; // SSHD resets the idle timer
                }
                LOG.infof("%s: idle timeout of %d s", state != null ? state.gateway() : session.getRemoteAddress(),
                        seconds);
                session.disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION,
                        "Idle timeout: no activity for " + seconds + " s.");
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static String format(Duration d) {
        return d == null ? "?" : d.toMillis() + " ms";
    }
}
