package dev.wharf.ftp.fs;

import dev.wharf.ftp.auth.WharfUser;
import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.User;

/** Gives each logged-in session a view over its own {@link dev.wharf.core.files.FileOperations}. */
public final class WharfFileSystemFactory implements FileSystemFactory {
    @Override
    public FileSystemView createFileSystemView(User user) throws FtpException {
        if (user instanceof WharfUser w) {
            return new WharfFileSystemView(w.files());
        }
        throw new FtpException("only users logged in through identity-service have files");
    }
}
