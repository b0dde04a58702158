package dev.wharf.ftp.fs;

import dev.wharf.core.WharfException;
import dev.wharf.core.files.FileOperations;
import dev.wharf.core.files.VirtualPaths;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;

/** One logged-in session's folder tree: the home folder is {@code /}, and nothing resolves outside it. */
public final class WharfFileSystemView implements FileSystemView {
    private final FileOperations files;
    private volatile String cwd = "/";

    public WharfFileSystemView(FileOperations files) {
        this.files = files;
    }

    public FileOperations files() {
        return files;
    }

    @Override
    public WharfFtpFile getHomeDirectory() {
        return new WharfFtpFile(files, "/", null);
    }

    @Override
    public WharfFtpFile getWorkingDirectory() {
        return new WharfFtpFile(files, cwd, null);
    }

    @Override
    public boolean changeWorkingDirectory(String dir) {
        String target;
        try {
            target = VirtualPaths.resolve(cwd, dir);
        } catch (WharfException e) {
            return false;
        }
        if (!new WharfFtpFile(files, target, null).isDirectory()) {
            return false;
        }
        cwd = target;
        return true;
    }

    /** @throws FtpException for a name no file may carry (control characters, backslash) */
    @Override
    public WharfFtpFile getFile(String name) throws FtpException {
        return new WharfFtpFile(files, resolve(name), null);
    }

    /** The client-view absolute path of {@code name} relative to the working folder. */
    public String resolve(String name) throws FtpException {
        try {
            return VirtualPaths.resolve(cwd, name);
        } catch (WharfException e) {
            throw new FtpException(e.reason().userMessage(), e);
        }
    }

    @Override
    public boolean isRandomAccessible() {
        return true;
    }

    @Override
    public void dispose() {
        // nothing held open: uploads and downloads are closed by the commands that opened them
    }
}
