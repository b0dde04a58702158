package dev.wharf.sftp.fs;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.FileLock;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.FileAttribute;
import java.security.Principal;
import java.util.List;
import java.util.Set;

/**
 * The SFTP subsystem's hooks into storage: client paths are confined to the home folder here (whatever the
 * client sends), files open as streamed {@link DownloadChannel}s and {@link UploadChannel}s, and links, locks and
 * ownership are answered without touching storage.
 */
public final class StorageFileAccessor implements SftpFileSystemAccessor {
    @Override
    public Path resolveLocalFilePath(SftpSubsystemProxy subsystem, Path rootDir, String remotePath)
            throws IOException {
        try {
            // VirtualPaths refuses control characters and backslashes and keeps ".." from leaving the root
            String clientPath = VirtualPaths.resolve(rootDir.toString(), remotePath);
            return rootDir.getFileSystem().getPath(clientPath);
        } catch (WharfException e) {
            throw SftpStatusMapping.toIOException(e, VirtualPaths.printable(remotePath));
        }
    }

    @Override
    public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
                                        Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        WharfPath p = (WharfPath) file;
        return p.getFileSystem().provider().open(p, options);
    }

    @Override
    public void closeFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
                          Channel channel, Set<? extends OpenOption> options) throws IOException {
        if (channel != null && channel.isOpen()) {
            channel.close(); // an upload commits here (or is discarded if the session is ending)
        }
    }

    @Override
    public void syncFileData(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
                             Channel channel) {
        // an upload becomes durable when it is committed at close; there is nothing earlier to force
    }

    @Override
    public FileLock tryLock(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
                            Channel channel, long position, long size, boolean shared) throws IOException {
        throw SftpStatusMapping.refuse(Reason.UNSUPPORTED_OPERATION, file.toString(), "byte-range locks");
    }

    @Override
    public void removeFile(SftpSubsystemProxy subsystem, Path path, boolean isDirectory) throws IOException {
        WharfPath p = (WharfPath) path;
        p.getFileSystem().provider().remove(p, isDirectory);
    }

    @Override
    public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink)
            throws IOException {
        throw SftpStatusMapping.refuse(Reason.UNSUPPORTED_OPERATION, link.toString(),
                symLink ? "symbolic links" : "hard links");
    }

    @Override
    public String resolveLinkTarget(SftpSubsystemProxy subsystem, Path link) throws IOException {
        throw SftpStatusMapping.refuse(Reason.UNSUPPORTED_OPERATION, link.toString(), "there are no links to read");
    }

    @Override
    public void setFileOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options) {
        // storage has no owners: accepted and ignored, like permissions
    }

    @Override
    public void setGroupOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options) {
        // storage has no groups: accepted and ignored
    }

    @Override
    public void setFilePermissions(SftpSubsystemProxy subsystem, Path file,
                                   Set<java.nio.file.attribute.PosixFilePermission> perms, LinkOption... options) {
        // storage has no permissions: accepted and ignored (OpenSSH sends the mode with every upload)
    }

    @Override
    public void setFileAccessControl(SftpSubsystemProxy subsystem, Path file, List<AclEntry> acl,
                                     LinkOption... options) {
        // storage has no ACLs: accepted and ignored
    }

    @Override
    public String toString() {
        return "StorageFileAccessor";
    }
}
