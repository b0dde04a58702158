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
    /** See {@link #lookUpForNextCommand}; a session's commands run one at a time. */
    private volatile WharfFtpFile lookedUp;

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
        String path = resolve(name);
        WharfFtpFile looked = lookedUp;
        lookedUp = null;
        return looked != null && looked.getAbsolutePath().equals(path) ? looked : new WharfFtpFile(files, path, null);
    }

    /**
     * The file a command looked up before handing over to the library's version of itself, which looks it up again:
     * the next {@link #getFile} of the same path answers it, so a RETR costs one stat, not two.
     */
    WharfFtpFile lookUpForNextCommand(String name) throws FtpException {
        WharfFtpFile file = new WharfFtpFile(files, resolve(name), null);
        lookedUp = file;
        return file;
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
