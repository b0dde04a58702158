package dev.wharf.ftp.fs;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.storage.Upload;
import dev.wharf.core.storage.UploadResult;
import dev.wharf.ftp.data.StorageRefusedUpload;
import dev.wharf.ftp.session.FtpSessions;
import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.apache.ftpserver.impl.ServerDataConnectionFactory;
import org.apache.ftpserver.impl.ServerFtpStatistics;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * STOR (with REST resume) and APPE. Unlike the library's commands, which close the stream in a {@code finally}
 * even when the transfer failed, this one aborts the {@link Upload} as soon as the data connection fails, so that
 * a cut transfer stores nothing; only a transfer that reached its end is committed, and 226 is sent only after
 * storage confirmed the commit.
 */
public final class StoreCommand extends AbstractCommand {
    private static final Logger LOG = Logger.getLogger(StoreCommand.class);

    private final boolean append;

    private StoreCommand(boolean append) {
        this.append = append;
    }

    /** STOR: replaces the file, or resumes it at the REST offset. */
    public static StoreCommand stor() {
        return new StoreCommand(false);
    }

    /** APPE: writes after the current end of the file (creates it when missing). */
    public static StoreCommand appe() {
        return new StoreCommand(true);
    }

    @Override
    public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        try {
            store(session, context, request);
        } finally {
            session.resetState();
            session.getDataConnection().closeDataConnection();
        }
    }

    private void store(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        String arg = request.getArgument();
        if (arg == null || arg.isEmpty()) {
            session.write(new DefaultFtpReply(FtpReply.REPLY_501_SYNTAX_ERROR_IN_PARAMETERS_OR_ARGUMENTS,
                    request.getCommand() + " needs a file name."));
            return;
        }
        ServerDataConnectionFactory data = session.getDataConnection();
        if (data.getInetAddress() == null) {
            session.write(new DefaultFtpReply(FtpReply.REPLY_503_BAD_SEQUENCE_OF_COMMANDS,
                    "Send PASV or EPSV before " + request.getCommand() + "."));
            return;
        }
        WharfFileSystemView view = (WharfFileSystemView) session.getFileSystemView();
        GatewaySession gs = FtpSessions.of(session);
        long offset = append ? 0 : session.getFileOffset();
        String path;
        Upload upload;
        try {
            path = view.resolve(arg);
        } catch (FtpException e) {
            session.write(FileReplies.refused(Reason.INVALID_PATH, null));
            return;
        }
        try {
            upload = view.files().openWrite(path, offset, append);
        } catch (WharfException e) {
            LOG.infof("%s: %s %s refused, reason=%s", gs, request.getCommand(), VirtualPaths.printable(path),
                    e.reason().code());
            session.write(FileReplies.refused(e.reason(), path));
            return;
        }

        session.write(new DefaultFtpReply(FtpReply.REPLY_150_FILE_STATUS_OKAY, "Ready to receive "
                + FileReplies.quoted(path) + (offset > 0 ? " from byte " + offset : "") + "."))
                .awaitUninterruptibly(10_000);
        DataConnection connection;
        try {
            connection = data.openConnection();
        } catch (Exception e) {
            upload.abort();
            LOG.infof("%s: %s %s: no data connection: %s", gs, request.getCommand(), VirtualPaths.printable(path),
                    e.toString());
            session.write(new DefaultFtpReply(FtpReply.REPLY_425_CANT_OPEN_DATA_CONNECTION,
                    "Cannot open the data connection: " + Reason.UPLOAD_ABORTED.userMessage()));
            return;
        }

        long received;
        try {
            received = connection.transferFromClient(session.getFtpletSession(), upload);
        } catch (IOException | RuntimeException e) {
            upload.abort();
            // a quota passed mid-transfer is refused as such (552), storage gone as a fault of ours to retry (451),
            // and only the rest as a cut-off transfer
            Reason why = WharfException.reasonIn(e, e instanceof StorageRefusedUpload
                    ? Reason.SERVICE_UNAVAILABLE : Reason.UPLOAD_ABORTED);
            LOG.infof("%s: %s %s cut off, reason=%s: %s", gs, request.getCommand(), VirtualPaths.printable(path),
                    why.code(), e.toString());
            session.write(FileReplies.refused(why, path));
            return;
        }

        UploadResult result;
        try {
            result = upload.commit();
        } catch (WharfException e) {
            LOG.infof("%s: %s %s not stored, reason=%s", gs, request.getCommand(), VirtualPaths.printable(path),
                    e.reason().code());
            session.write(FileReplies.refused(e.reason(), path));
            return;
        } catch (IOException | RuntimeException e) {
            upload.abort();
            LOG.warnf("%s: %s %s not stored, reason=%s: %s", gs, request.getCommand(), VirtualPaths.printable(path),
                    Reason.UPLOAD_ABORTED.code(), e.toString());
            session.write(new DefaultFtpReply(FtpReply.REPLY_451_REQUESTED_ACTION_ABORTED,
                    VirtualPaths.printable(path) + ": " + Reason.UPLOAD_ABORTED.userMessage()));
            return;
        }
        ((ServerFtpStatistics) context.getFtpStatistics())
                .setUpload(session, new WharfFtpFile(view.files(), path, null), received);
        session.write(new DefaultFtpReply(FtpReply.REPLY_226_CLOSING_DATA_CONNECTION, "Transfer complete: "
                + FileReplies.quoted(path) + " is " + result.size() + " bytes."));
    }
}
