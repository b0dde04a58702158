package dev.wharf.ftp.fs;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.access.Permission;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.ftp.session.FtpSessions;
import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.command.impl.RETR;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * RETR: the library's command, after the folder rules allow reading the file. The library answers any failure to
 * open the file as 551 ("error on input file") once the transfer has begun; a refused read must be 550, before
 * the data connection is used, with its audited {@code permission_denied}.
 */
public final class RetrCommand extends AbstractCommand {
    private static final Logger LOG = Logger.getLogger(RetrCommand.class);
    private final RETR library = new RETR();

    @Override
    public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request)
            throws IOException, FtpException {
        String arg = request.getArgument();
        if (arg != null && !arg.isEmpty() && session.getFileSystemView() instanceof WharfFileSystemView view) {
            String path = null;
            try {
                path = view.resolve(arg);
                view.files().require(path, Permission.READ);
                // the library answers any failed lookup as "no such file" (550, final): storage away must be a 451
                WharfFtpFile file = view.lookUpForNextCommand(arg);
                if (file.lookupFailure() != null && file.lookupFailure() != Reason.NOT_FOUND) {
                    throw view.files().downloadRefused(path, 0, new WharfException(file.lookupFailure(), path));
                }
            } catch (FtpException e) {
                // an unresolvable name: the library's own reply
            } catch (WharfException e) {
                LOG.infof("%s: RETR %s refused, reason=%s", FtpSessions.of(session), VirtualPaths.printable(path),
                        e.reason().code());
                session.resetState();
                session.getDataConnection().closeDataConnection(); // frees the passive port the client opened
                session.write(FileReplies.refused(e.reason(), path));
                return;
            }
        }
        library.execute(session, context, request);
    }
}
