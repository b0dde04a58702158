package dev.wharf.ftp.fs;

import dev.wharf.core.WharfException;
import dev.wharf.core.files.FileOperations;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.ftp.session.FtpSessions;
import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.jboss.logging.Logger;

/**
 * A command that takes one path and runs one {@link FileOperations} call, replacing the library's version so that a
 * refusal answers with its reason (not found, not empty, already exists, unavailable...) instead of a fixed text.
 */
abstract class FileCommand extends AbstractCommand {
    private static final Logger LOG = Logger.getLogger(FileCommand.class);

    @Override
    public final void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        try {
            String arg = request.getArgument();
            if (arg == null || arg.isEmpty()) {
                session.write(new DefaultFtpReply(FtpReply.REPLY_501_SYNTAX_ERROR_IN_PARAMETERS_OR_ARGUMENTS,
                        request.getCommand() + " needs a path."));
                return;
            }
            WharfFileSystemView view = (WharfFileSystemView) session.getFileSystemView();
            String path = null;
            try {
                path = view.resolve(arg);
                session.write(run(session, view.files(), path));
            } catch (FtpException e) {
                session.write(FileReplies.refused(dev.wharf.core.Reason.INVALID_PATH, null));
            } catch (WharfException e) {
                LOG.infof("%s: %s %s refused, reason=%s", FtpSessions.of(session), request.getCommand(),
                        VirtualPaths.printable(path), e.reason().code());
                session.write(FileReplies.refused(e.reason(), path));
            }
        } finally {
            session.resetState();
        }
    }

    /** Runs the operation on a resolved client-view path and returns the success reply. */
    abstract FtpReply run(FtpIoSession session, FileOperations files, String path);
}
