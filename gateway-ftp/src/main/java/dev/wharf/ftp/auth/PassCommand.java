package dev.wharf.ftp.auth;

import dev.wharf.core.Reason;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.files.FileOperations;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.TenantResolver;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.ftp.metrics.FtpMetrics;
import dev.wharf.ftp.session.FtpSessions;
import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.apache.ftpserver.impl.ServerFtpStatistics;
import org.jboss.logging.Logger;

/**
 * PASS through {@link LoginFlow}: each refusal answers {@code 530 <reason text>} so the user learns what to fix
 * (TLS required, password change, 2FA code...), and a service or the audit being unavailable {@code 421} (try
 * later), while the library's bookkeeping (statistics, failed-login count, delay, disconnect after too many
 * failures) stays as the stock PASS does it.
 */
public final class PassCommand extends AbstractCommand {
    private static final Logger LOG = Logger.getLogger(PassCommand.class);

    private final TenantResolver tenants;
    private final LoginFlow loginFlow;
    private final StoragePort storage;
    private final SessionAudit audit;
    private final FtpMetrics metrics;

    public PassCommand(TenantResolver tenants, LoginFlow loginFlow, StoragePort storage, SessionAudit audit,
                       FtpMetrics metrics) {
        this.tenants = tenants;
        this.loginFlow = loginFlow;
        this.storage = storage;
        this.audit = audit;
        this.metrics = metrics;
    }

    @Override
    public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request)
            throws FtpException {
        session.resetState();
        String userName = session.getUserArgument();
        if (session.isLoggedIn()) {
            session.write(new DefaultFtpReply(FtpReply.REPLY_202_COMMAND_NOT_IMPLEMENTED, "Already logged in."));
            return;
        }
        if (userName == null) {
            session.write(new DefaultFtpReply(FtpReply.REPLY_503_BAD_SEQUENCE_OF_COMMANDS,
                    "Send USER before PASS."));
            return;
        }
        ServerFtpStatistics stats = (ServerFtpStatistics) context.getFtpStatistics();
        int maxLogins = context.getConnectionConfig().getMaxLogins();
        if (maxLogins != 0 && stats.getCurrentLoginNumber() >= maxLogins) {
            LOG.warnf("login refused: this replica already has %d logged-in sessions", maxLogins);
            session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
                    Reason.SERVICE_UNAVAILABLE.userMessage()));
            session.closeOnFlush();
            return;
        }

        GatewaySession gs = FtpSessions.of(session);
        FtpSessions.refreshProtocol(gs, session.isSecure());
        String password = request.getArgument() == null ? "" : request.getArgument();
        Reason reason = loginFlow.login(gs, HostNames.of(session, tenants), userName, password, null);
        metrics.login(reason);
        if (reason != Reason.OK) {
            refuse(session, context, stats, reason, gs.portalUrl());
            return;
        }

        WharfUser user = new WharfUser(gs.principal(), new FileOperations(gs, storage, audit));
        session.setUser(user);
        session.setUserArgument(null);
        session.setMaxIdleTime(user.getMaxIdleTime());
        FileSystemView view = context.getFileSystemManager().createFileSystemView(user);
        session.setLogin(view);
        stats.setLogin(session);
        session.write(new DefaultFtpReply(FtpReply.REPLY_230_USER_LOGGED_IN, "Logged in as " + user.getName() + "."));
    }

    private static void refuse(FtpIoSession session, FtpServerContext context, ServerFtpStatistics stats,
                               Reason reason, String portalUrl) {
        if (reason == Reason.SERVICE_UNAVAILABLE || reason == Reason.AUDIT_UNAVAILABLE) {
            // not the user's failure: 421 says "try later" (FileZilla and lftp reconnect), where 530 reads as a wrong
            // password to clients that then stop or drop the saved password; nor does it count as a failed login
            session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
                    refusalText(reason, portalUrl)));
            session.closeOnFlush();
            return;
        }
        delay(context.getConnectionConfig().getLoginFailureDelay());
        session.write(new DefaultFtpReply(FtpReply.REPLY_530_NOT_LOGGED_IN, refusalText(reason, portalUrl)));
        stats.setLoginFail(session);
        session.increaseFailedLogins();
        int max = context.getConnectionConfig().getMaxLoginFailures();
        if (max != 0 && session.getFailedLogins() >= max) {
            LOG.infof("%s: %d failed logins, closing the connection", FtpSessions.of(session), max);
            session.closeOnFlush();
        }
        session.reinitialize();
    }

    /**
     * The 530 text: the reason's message, and for refusals the user fixes in the web portal (password change, 2FA
     * set-up) that portal's address, as identity-service names it.
     */
    static String refusalText(Reason reason, String portalUrl) {
        String text = reason.userMessage();
        if (!reason.fixedInWebPortal() || portalUrl == null || portalUrl.isBlank()) {
            return text;
        }
        String base = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return switch (reason) {
            case PASSWORD_CHANGE_REQUIRED -> base + " at " + portalUrl.strip() + ".";
            case SECOND_FACTOR_ENROLMENT_REQUIRED -> text + " Web portal: " + portalUrl.strip();
            default -> base + "; set it up in the web portal at " + portalUrl.strip() + ".";
        };
    }

    /** Slows down password guessing on one connection; runs on the session's command thread, as stock PASS does. */
    private static void delay(int millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
