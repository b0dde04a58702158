package dev.wharf.ftp.data;

import dev.wharf.core.Reason;
import dev.wharf.ftp.session.FtpSessions;
import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.command.Command;
import org.apache.ftpserver.command.impl.EPSV;
import org.apache.ftpserver.command.impl.PASV;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Locale;

/**
 * PASV and EPSV over our data-connection factory: the library's commands format the replies; this one installs the
 * factory first, answers {@code EPSV ALL} and refuses PASV after it.
 */
public final class PassiveCommand extends AbstractCommand {
    /** The audit event's {@code stage} when the passive slice is exhausted. */
    public static final String STAGE_EXHAUSTED = "passive-ports";
    /** The 421 text when the passive slice is exhausted. */
    public static final String EXHAUSTED_TEXT =
            "No passive data port is free on this server: reconnect and try again.";
    private static final Logger LOG = Logger.getLogger(PassiveCommand.class);
    private final Command library;
    private final boolean extended;
    private final DataSettings settings;

    private PassiveCommand(Command library, boolean extended, DataSettings settings) {
        this.library = library;
        this.extended = extended;
        this.settings = settings;
    }

    public static PassiveCommand pasv(DataSettings settings) {
        return new PassiveCommand(new PASV(), false, settings);
    }

    public static PassiveCommand epsv(DataSettings settings) {
        return new PassiveCommand(new EPSV(), true, settings);
    }

    /**
     * Every port of this replica's slice is in use: 421 and the session is closed, so that the client's reconnect
     * can land on a replica with free ports (a 425 would leave it retrying PASV here). Sized by the formula in
     * docs/DEPLOYMENT.md, this is the overload signal, audited and logged with the same reason.
     */
    private void refuseExhausted(FtpIoSession session, String command) {
        Reason reason = Reason.SERVICE_UNAVAILABLE;
        LOG.warnf("%s: %s refused: every passive port of this replica is in use, reason=%s", FtpSessions.of(session),
                command, reason.code());
        settings.refusals().refused(session, reason, STAGE_EXHAUSTED);
        session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
                EXHAUSTED_TEXT));
        session.closeOnFlush();
    }

    @Override
    public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request)
            throws IOException, FtpException {
        String argument = request.getArgument() == null ? "" : request.getArgument().trim().toUpperCase(Locale.ROOT);
        if (extended && "ALL".equals(argument)) {
            session.setAttribute(DataConnections.EPSV_ALL, Boolean.TRUE);
            session.write(new DefaultFtpReply(FtpReply.REPLY_200_COMMAND_OKAY,
                    "EPSV ALL accepted: only EPSV sets up data connections from now on."));
            return;
        }
        if (extended && !argument.isEmpty() && !"1".equals(argument) && !"2".equals(argument)) {
            session.write(new DefaultFtpReply(522, "Network protocol not supported, use (1,2)"));
            return;
        }
        if (!extended && DataConnections.epsvAll(session)) {
            session.write(ActiveCommand.epsvAllRefusal("PASV"));
            return;
        }
        if (settings.transfers().draining()) {
            session.write(ActiveCommand.drainingRefusal());
            return;
        }
        if (!DataConnections.of(session, context, settings).reservePassivePort()) {
            refuseExhausted(session, extended ? "EPSV" : "PASV");
            return;
        }
        library.execute(session, context, request);
    }
}
