package dev.wharf.sftp.fs;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * Marks uploads the client never closed: when the SFTP channel ends, the subsystem reports each handle still open
 * here before closing it, and such an upload must be discarded rather than committed (MINA-NOTES section 9).
 */
public final class UploadAbortOnExit implements SftpEventListener {
    @Override
    public void exiting(ServerSession session, Handle handle) {
        if (handle instanceof FileHandle fh && fh.getFileChannel() instanceof UploadChannel upload) {
            upload.abortOnClose();
        }
    }
}
