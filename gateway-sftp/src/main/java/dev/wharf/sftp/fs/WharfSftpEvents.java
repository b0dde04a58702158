package dev.wharf.sftp.fs;

import dev.wharf.sftp.session.SftpSession;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Hooks into the SFTP subsystem's events where storage semantics differ from a local disk:
 * <ul>
 * <li>uploads the client never closed are discarded, not committed: when the channel ends the subsystem reports
 * each handle still open ({@code exiting}) before closing it (MINA-NOTES section 9);</li>
 * <li>removing a folder that does not exist answers no_such_file: the subsystem only asks "is it a folder?",
 * which is false for a missing path too, and would answer not_a_directory.</li>
 * <li>open file handles are counted per session: a transfer runs while one is open (graceful shutdown and the
 * idle timeout wait for it).</li>
 * </ul>
 */
public final class WharfSftpEvents implements SftpEventListener {
    @Override
    public void open(ServerSession session, String remoteHandle, Handle localHandle) {
        SftpSession state = SftpSession.of(session);
        if (localHandle instanceof FileHandle && state != null) {
            state.fileOpened();
        }
    }

    @Override
    public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) {
        SftpSession state = SftpSession.of(session);
        if (localHandle instanceof FileHandle && state != null) {
            state.fileClosed();
        }
    }

    @Override
    public void exiting(ServerSession session, Handle handle) {
        if (handle instanceof FileHandle fh && fh.getFileChannel() instanceof UploadChannel upload) {
            upload.abortOnClose();
        }
    }

    @Override
    public void removing(ServerSession session, Path path, boolean isDirectory) throws IOException {
        if (isDirectory && path instanceof WharfPath p) {
            p.getFileSystem().provider().stat(p); // throws NoSuchFileException (not_found) when it is missing
        }
    }
}
