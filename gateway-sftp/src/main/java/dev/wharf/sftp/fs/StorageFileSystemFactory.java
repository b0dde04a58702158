package dev.wharf.sftp.fs;

import dev.wharf.core.files.FileOperations;
import dev.wharf.sftp.session.SftpSession;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.session.SessionContext;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystem;
import java.nio.file.Path;

/** Gives each SFTP channel of a logged-in session a {@link WharfFileSystem} over that session's file operations. */
public final class StorageFileSystemFactory implements FileSystemFactory {
    private final WharfFileSystemProvider provider = new WharfFileSystemProvider();

    @Override
    public Path getUserHomeDir(SessionContext session) throws IOException {
        return createFileSystem(session).getPath("/");
    }

    @Override
    public FileSystem createFileSystem(SessionContext session) throws IOException {
        SftpSession state = SftpSession.of(session);
        FileOperations files = state == null ? null : state.files();
        if (files == null) {
            throw new AccessDeniedException("/", null, "session is not logged in");
        }
        return provider.newFileSystem(files);
    }
}
