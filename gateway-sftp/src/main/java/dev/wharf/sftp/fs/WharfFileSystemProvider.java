package dev.wharf.sftp.fs;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.FileOperations;
import dev.wharf.core.storage.FileInfo;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.spi.FileSystemProvider;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * java.nio over storage-service: every operation of a {@link WharfPath} goes to the session's
 * {@link FileOperations}, and storage refusals come back as the NIO exceptions the SFTP subsystem maps to status
 * codes ({@link SftpStatusMapping}). Links, copies, owners and permissions do not exist here: link and copy calls
 * fail with unsupported_operation, owner and permission changes are accepted and ignored (clients send them with
 * every {@code put -p}), modification times are stored.
 */
public final class WharfFileSystemProvider extends FileSystemProvider {
    /** URI scheme of Wharf paths (never registered with the JDK: file systems are made per session). */
    public static final String SCHEME = "wharf";

    private static final Logger LOG = Logger.getLogger(WharfFileSystemProvider.class);

    /** A file system over the given session's file operations. */
    public WharfFileSystem newFileSystem(FileOperations files) {
        return new WharfFileSystem(this, files);
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("Wharf file systems are created per SFTP session");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        throw new UnsupportedOperationException("Wharf file systems are created per SFTP session");
    }

    @Override
    public Path getPath(URI uri) {
        throw new UnsupportedOperationException("Wharf file systems are created per SFTP session");
    }

    /** Storage's answer for a path: from the listing it came with or this request's cache, else one stat call. */
    FileInfo stat(WharfPath p) throws IOException {
        FileInfo known = p.knownInfo();
        if (known != null) {
            return known;
        }
        FileInfo info = call(p, () -> p.getFileSystem().files().stat(p.clientPath()));
        p.remember(info);
        return info;
    }

    /** Stat, or null when the path does not exist. */
    FileInfo statIfExists(WharfPath p) throws IOException {
        try {
            return stat(p);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return open(wharf(path), options);
    }

    /** Opens a file for reading or writing with SFTP open semantics (create, exclusive, truncate, append). */
    SeekableByteChannel open(WharfPath p, Set<? extends OpenOption> options) throws IOException {
        String path = p.clientPath();
        boolean write = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        FileInfo existing = statIfExists(p);
        if (existing != null && existing.directory()) {
            throw SftpStatusMapping.refuse(Reason.IS_A_DIRECTORY, path, null);
        }
        if (!write) {
            if (existing == null) {
                throw SftpStatusMapping.refuse(Reason.NOT_FOUND, path, null);
            }
            return new DownloadChannel(p.getFileSystem().files(), path, existing.size());
        }
        if (existing != null && options.contains(StandardOpenOption.CREATE_NEW)) {
            throw SftpStatusMapping.refuse(Reason.ALREADY_EXISTS, path, null);
        }
        if (existing == null) {
            if (!options.contains(StandardOpenOption.CREATE) && !options.contains(StandardOpenOption.CREATE_NEW)) {
                throw SftpStatusMapping.refuse(Reason.NOT_FOUND, path, null);
            }
            requireFolder((WharfPath) p.toAbsolutePath().normalize().getParent());
        }
        UploadChannel channel = new UploadChannel(p.getFileSystem(), path, existing == null ? -1 : existing.size(),
                options.contains(StandardOpenOption.TRUNCATE_EXISTING), options.contains(StandardOpenOption.APPEND));
        p.getFileSystem().register(channel);
        return channel;
    }

    // storage creates parent folders on upload; SFTP semantics say a missing folder is an error, so check first
    private void requireFolder(WharfPath parent) throws IOException {
        if (parent == null || parent.getNameCount() == 0) {
            return;
        }
        FileInfo info = stat(parent);
        if (!info.directory()) {
            throw SftpStatusMapping.refuse(Reason.NOT_A_DIRECTORY, parent.clientPath(), null);
        }
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        WharfPath d = wharf(dir);
        List<FileInfo> entries = call(d, () -> d.getFileSystem().files().list(d.clientPath()));
        return new DirectoryStream<>() {
            private boolean iterated;

            @Override
            public Iterator<Path> iterator() {
                if (iterated) {
                    throw new IllegalStateException("a directory stream iterates once");
                }
                iterated = true;
                return entries.stream()
                        .<Path>map(d::child)
                        .filter(p -> {
                            try {
                                return filter == null || filter.accept(p);
                            } catch (IOException e) {
                                return false;
                            }
                        })
                        .iterator();
            }

            @Override
            public void close() {
                // the listing was read whole; nothing to release
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        WharfPath d = wharf(dir);
        call(d, () -> {
            d.getFileSystem().files().mkdir(d.clientPath());
            return null;
        });
        d.forget();
    }

    @Override
    public void delete(Path path) throws IOException {
        WharfPath p = wharf(path);
        remove(p, stat(p).directory());
    }

    /** Removes a file or an (empty) folder. */
    void remove(WharfPath p, boolean directory) throws IOException {
        call(p, () -> {
            if (directory) {
                p.getFileSystem().files().rmdir(p.clientPath());
            } else {
                p.getFileSystem().files().delete(p.clientPath());
            }
            return null;
        });
        p.forget();
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        throw SftpStatusMapping.refuse(Reason.UNSUPPORTED_OPERATION, source.toString(), "server-side copy");
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        WharfPath from = wharf(source);
        WharfPath to = wharf(target);
        boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
        if (!replace && !from.clientPath().equals(to.clientPath()) && statIfExists(to) != null) {
            // plain SFTP rename must not replace (draft-02 6.5); posix-rename asks for REPLACE_EXISTING
            throw SftpStatusMapping.refuse(Reason.ALREADY_EXISTS, to.clientPath(), null);
        }
        call(from, () -> {
            from.getFileSystem().files().rename(from.clientPath(), to.clientPath());
            return null;
        });
        from.forget();
        to.forget();
    }

    @Override
    public boolean isSameFile(Path a, Path b) {
        return wharf(a).clientPath().equals(wharf(b).clientPath());
    }

    @Override
    public boolean isHidden(Path path) {
        return false;
    }

    @Override
    public FileStore getFileStore(Path path) {
        throw new UnsupportedOperationException("file stores are not exposed");
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        stat(wharf(path)); // existence is what matters: there are no per-file permissions
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        if (type == BasicFileAttributeView.class || type == PosixFileAttributeView.class) {
            return (V) new View(wharf(path));
        }
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        if (type != BasicFileAttributes.class && type != PosixFileAttributes.class) {
            throw new UnsupportedOperationException("attributes " + type.getSimpleName() + " are not supported");
        }
        return (A) attributes(wharf(path));
    }

    WharfFileAttributes attributes(WharfPath p) throws IOException {
        return WharfFileAttributes.of(stat(p), p.getFileSystem().owner());
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        int colon = attributes.indexOf(':');
        String view = colon < 0 ? "basic" : attributes.substring(0, colon);
        String names = colon < 0 ? attributes : attributes.substring(colon + 1);
        if (!view.equals("basic") && !view.equals("posix") && !view.equals("owner")) {
            throw new UnsupportedOperationException("attribute view " + view + " is not supported");
        }
        Map<String, Object> all = attributes(wharf(path)).asMap(view);
        if (names.equals("*")) {
            return all;
        }
        Map<String, Object> some = new LinkedHashMap<>();
        for (String n : names.split(",")) {
            if (all.containsKey(n)) {
                some.put(n, all.get(n));
            }
        }
        return some;
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        String name = attribute.substring(attribute.indexOf(':') + 1);
        WharfPath p = wharf(path);
        switch (name) {
            case "lastModifiedTime" -> setModified(p, ((FileTime) value).toInstant());
            case "lastAccessTime", "creationTime", "permissions", "owner", "group" -> {
                // no such thing in storage: accepted and ignored so that clients preserving them still work
            }
            default -> throw new UnsupportedOperationException("attribute " + attribute + " cannot be set");
        }
    }

    /** Stores a modification time; while the file is still being uploaded, it is applied after the commit. */
    void setModified(WharfPath p, Instant time) throws IOException {
        String path = p.clientPath();
        UploadChannel pending = p.getFileSystem().openUpload(path);
        if (pending != null) {
            pending.modifiedAfterCommit(time);
            return;
        }
        call(p, () -> {
            p.getFileSystem().files().setModified(path, time);
            return null;
        });
        p.forget();
    }

    /** Runs a storage call, translating its refusals into NIO exceptions that carry the reason. */
    static <T> T call(WharfPath p, Supplier<T> op) throws IOException {
        try {
            return op.get();
        } catch (WharfException e) {
            throw SftpStatusMapping.toIOException(e, p.toString());
        } catch (RuntimeException e) {
            LOG.warnf("storage call for %s failed unexpectedly: %s", p, e.toString());
            IOException io = SftpStatusMapping.refuse(Reason.INTERNAL_ERROR, p.toString(), e.toString());
            io.addSuppressed(e);
            throw io;
        }
    }

    private static WharfPath wharf(Path path) {
        if (!(path instanceof WharfPath p)) {
            throw new ProviderMismatchException("not a Wharf path: " + path);
        }
        return p;
    }

    /** Basic and POSIX attribute view: times are stored, permissions and owners accepted and ignored. */
    private final class View implements PosixFileAttributeView {
        private final WharfPath path;

        View(WharfPath path) {
            this.path = path;
        }

        @Override
        public String name() {
            return "posix";
        }

        @Override
        public PosixFileAttributes readAttributes() throws IOException {
            return attributes(path);
        }

        @Override
        public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime)
                throws IOException {
            if (lastModifiedTime != null) {
                setModified(path, lastModifiedTime.toInstant());
            }
        }

        @Override
        public void setPermissions(Set<PosixFilePermission> perms) {
            // no permission model in storage: accepted and ignored
        }

        @Override
        public void setGroup(GroupPrincipal group) {
            // no owners in storage: accepted and ignored
        }

        @Override
        public UserPrincipal getOwner() {
            return path.getFileSystem().owner();
        }

        @Override
        public void setOwner(UserPrincipal owner) {
            // no owners in storage: accepted and ignored
        }
    }
}
