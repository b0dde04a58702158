package dev.wharf.ftp.fs;

import dev.wharf.core.files.FileOperations;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.impl.FtpIoSession;

/** DELE: deletes a file. */
public final class DeleCommand extends FileCommand {
    @Override
    FtpReply run(FtpIoSession session, FileOperations files, String path) {
        files.delete(path);
        return new DefaultFtpReply(FtpReply.REPLY_250_REQUESTED_FILE_ACTION_OKAY,
                FileReplies.quoted(path) + " deleted.");
    }
}
