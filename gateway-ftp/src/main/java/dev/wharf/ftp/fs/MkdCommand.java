package dev.wharf.ftp.fs;

import dev.wharf.core.files.FileOperations;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.impl.FtpIoSession;

/** MKD: creates a folder; 257 carries its absolute path as RFC 959 asks. */
public final class MkdCommand extends FileCommand {
    @Override
    FtpReply run(FtpIoSession session, FileOperations files, String path) {
        files.mkdir(path);
        return new DefaultFtpReply(FtpReply.REPLY_257_PATHNAME_CREATED, FileReplies.quoted(path) + " created.");
    }
}
