package dev.wharf.sftp.fs;

import dev.wharf.core.Reason;
import dev.wharf.sftp.session.SftpSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpHelper;
import org.apache.sshd.sftp.server.SftpErrorStatusDataHandler;
import org.apache.sshd.sftp.server.SftpSubsystemEnvironment;
import org.jboss.logging.Logger;

/**
 * Turns every failed SFTP request into its status: the Wharf reason decides the code and the message
 * ({@code <reason>: <what to do>}), and the same reason goes to the log line.
 */
public final class SftpErrors implements SftpErrorStatusDataHandler {
    private static final Logger LOG = Logger.getLogger(SftpErrors.class);

    @Override
    public int resolveSubStatus(SftpSubsystemEnvironment sftp, int id, Throwable e, int cmd, Object... args) {
        Reason reason = SftpStatusMapping.reasonOf(e);
        int status = reason == null ? SftpHelper.resolveSubstatus(e) : SftpStatusMapping.status(reason);
        log(sftp, cmd, e, reason);
        return status;
    }

    @Override
    public String resolveErrorMessage(SftpSubsystemEnvironment sftp, int id, Throwable e, int subStatus, int cmd,
                                      Object... args) {
        Reason reason = SftpStatusMapping.reasonOf(e);
        return reason == null ? SftpHelper.resolveStatusMessage(subStatus) : SftpStatusMapping.message(reason);
    }

    private static void log(SftpSubsystemEnvironment sftp, int cmd, Throwable e, Reason reason) {
        Session session = sftp.getServerSession();
        SftpSession state = session == null ? null : SftpSession.of(session);
        Object who = state == null ? session : state.gateway();
        String op = SftpConstants.getCommandMessageName(cmd);
        if (reason == null && e instanceof java.io.EOFException) {
            // SSHD signals the end of a file (SSH_FX_EOF) with an EOFException: every download ends with one
            LOG.debugf("%s: %s at end of file", who, op);
        } else if (reason == null) {
            LOG.warnf(e, "%s: %s failed", who, op);
        } else if (reason == Reason.NOT_FOUND || reason == Reason.ALREADY_EXISTS) {
            // clients probe for existence all the time: not worth an INFO line each
            LOG.debugf("%s: %s refused, reason=%s: %s", who, op, reason.code(), e.getMessage());
        } else if (reason == Reason.INTERNAL_ERROR || reason == Reason.SERVICE_UNAVAILABLE) {
            LOG.warnf("%s: %s failed, reason=%s: %s", who, op, reason.code(), e.getMessage());
        } else {
            LOG.infof("%s: %s refused, reason=%s: %s", who, op, reason.code(), e.getMessage());
        }
    }
}
