package dev.wharf.sftp.fs;

import dev.wharf.core.storage.FileInfo;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;

import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * File attributes as SFTP clients see them, derived from storage's {@link FileInfo}. Storage has no owners or
 * modes: every entry belongs to the logged-in user, files read {@code rw-r--r--} and folders {@code rwxr-xr-x},
 * which tells clients they may write without promising a permission model that does not exist.
 */
final class WharfFileAttributes implements PosixFileAttributes {
    private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;

    private final FileInfo info;
    private final WharfPrincipal owner;

    private WharfFileAttributes(FileInfo info, WharfPrincipal owner) {
        this.info = info;
        this.owner = owner;
    }

    static WharfFileAttributes of(FileInfo info, WharfPrincipal owner) {
        return new WharfFileAttributes(info, owner);
    }

    FileInfo info() {
        return info;
    }

    @Override
    public FileTime lastModifiedTime() {
        Instant m = info.modified();
        return FileTime.from(m == null ? Instant.EPOCH : m);
    }

    @Override
    public FileTime lastAccessTime() {
        return lastModifiedTime();
    }

    @Override
    public FileTime creationTime() {
        return lastModifiedTime();
    }

    @Override
    public boolean isRegularFile() {
        return !info.directory();
    }

    @Override
    public boolean isDirectory() {
        return info.directory();
    }

    @Override
    public boolean isSymbolicLink() {
        return false;
    }

    @Override
    public boolean isOther() {
        return false;
    }

    @Override
    public long size() {
        return info.directory() ? 0 : info.size();
    }

    @Override
    public Object fileKey() {
        return null;
    }

    @Override
    public UserPrincipal owner() {
        return owner;
    }

    @Override
    public GroupPrincipal group() {
        return owner;
    }

    @Override
    public Set<PosixFilePermission> permissions() {
        return info.directory() ? DIR_PERMS : FILE_PERMS;
    }

    /** The attributes of one view ({@code basic}, {@code posix} or {@code owner}), as NIO's string form returns them. */
    Map<String, Object> asMap(String view) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lastModifiedTime", lastModifiedTime());
        m.put("lastAccessTime", lastAccessTime());
        m.put("creationTime", creationTime());
        m.put("size", size());
        m.put("isRegularFile", isRegularFile());
        m.put("isDirectory", isDirectory());
        m.put("isSymbolicLink", false);
        m.put("isOther", false);
        m.put("fileKey", null);
        if (!view.equals("basic")) {
            m.put("owner", owner);
        }
        if (view.equals("posix")) {
            m.put("group", owner);
            m.put("permissions", permissions());
        }
        return m;
    }

    /** The SFTP wire attributes of a listed entry (readdir answers with these directly). */
    SftpClient.Attributes toSftpAttributes() {
        SftpClient.Attributes a = new SftpClient.Attributes();
        a.setType(isDirectory() ? SftpConstants.SSH_FILEXFER_TYPE_DIRECTORY : SftpConstants.SSH_FILEXFER_TYPE_REGULAR);
        a.size(size());
        a.perms((isDirectory() ? S_IFDIR | 0755 : S_IFREG | 0644));
        a.owner(owner.getName());
        a.group(owner.getName());
        a.modifyTime(lastModifiedTime());
        a.accessTime(lastAccessTime());
        return a;
    }
}
