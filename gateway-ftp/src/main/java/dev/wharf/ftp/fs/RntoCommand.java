package dev.wharf.ftp.fs;

import dev.wharf.core.files.FileOperations;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.impl.FtpIoSession;

/** RNTO: completes the rename that RNFR (the library's, which checks the source exists) started. */
public final class RntoCommand extends FileCommand {
    @Override
    FtpReply run(FtpIoSession session, FileOperations files, String path) {
        FtpFile from = session.getRenameFrom();
        if (from == null) {
            return new DefaultFtpReply(FtpReply.REPLY_503_BAD_SEQUENCE_OF_COMMANDS, "Send RNFR before RNTO.");
        }
        files.rename(from.getAbsolutePath(), path);
        return new DefaultFtpReply(FtpReply.REPLY_250_REQUESTED_FILE_ACTION_OKAY,
                "Renamed " + FileReplies.quoted(from.getAbsolutePath()) + " to " + FileReplies.quoted(path) + ".");
    }
}
