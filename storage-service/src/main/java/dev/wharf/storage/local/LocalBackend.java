package dev.wharf.storage.local;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.core.storage.UploadResult;
import dev.wharf.storage.backend.ByteRange;
import dev.wharf.storage.backend.Download;
import dev.wharf.storage.backend.LimitedInputStream;
import dev.wharf.storage.backend.StorageBackend;
import dev.wharf.storage.backend.StorageConfig.ChecksumMode;
import dev.wharf.storage.backend.StoragePath;
import dev.wharf.storage.backend.UploadBody;
import dev.wharf.storage.backend.UploadContent;
import dev.wharf.storage.backend.WriteMode;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Files in a folder on disk: {@code <root>/<tenant>/<path>}. Uploads are written to {@code <root>/.staging} (same
 * file system, never inside a tenant folder, so never listed), synced, then renamed into place atomically.
 * Names starting with a dot at the top of the root can never be tenant ids, so Wharf's own folders
 * ({@code .staging}, {@code .meta}) cannot collide with a tenant.
 */
public final class LocalBackend implements StorageBackend {
    private static final Logger LOG = Logger.getLogger(LocalBackend.class);
    private static final int COPY_BUFFER = 64 * 1024;
    private static final int OPEN_ATTEMPTS = 3;

    private final Path root;
    private final Path staging;
    private final ChecksumStore checksums;

    public LocalBackend(Path root, ChecksumMode mode, Duration stagingMaxAge) {
        try {
            this.root = Files.createDirectories(root).toRealPath();
            this.staging = Files.createDirectories(this.root.resolve(".staging"));
            this.checksums = chooseChecksums(mode);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the storage root " + root, e);
        }
        sweepStaging(stagingMaxAge);
        LOG.infof("local storage at %s, checksums in %s", this.root, checksums.kind());
    }

    private ChecksumStore chooseChecksums(ChecksumMode mode) throws IOException {
        boolean xattr = XattrChecksumStore.supported(staging);
        if (mode == ChecksumMode.xattr && !xattr) {
            throw new IllegalStateException("wharf.storage.local.checksums=xattr, but the file system of "
                    + root + " does not support user extended attributes");
        }
        if (mode == ChecksumMode.xattr || (mode == ChecksumMode.auto && xattr)) {
            return new XattrChecksumStore();
        }
        return new SidecarChecksumStore(root.resolve(".meta"), staging);
    }

    @Override
    public String kind() {
        return "local";
    }

    /** The store of checksums in use ({@code xattr} or {@code sidecar}). */
    public String checksumKind() {
        return checksums.kind();
    }

    @Override
    public FileInfo stat(StoragePath path) {
        Path file = file(path);
        BasicFileAttributes attrs = path.isRoot() ? rootAttrs(file) : attrs(file);
        if (attrs == null) {
            if (path.isRoot()) {
                return new FileInfo("", "/", true, 0, Instant.EPOCH, null);
            }
            throw notFound(path);
        }
        return info(path, file, attrs);
    }

    @Override
    public List<FileInfo> list(StoragePath folder) {
        Path dir = file(folder);
        BasicFileAttributes attrs = folder.isRoot() ? rootAttrs(dir) : attrs(dir);
        if (attrs == null) {
            if (folder.isRoot()) {
                return List.of();
            }
            throw notFound(folder);
        }
        if (!attrs.isDirectory()) {
            throw new WharfException(Reason.NOT_A_DIRECTORY, folder.toString());
        }
        List<FileInfo> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!StoragePath.isValidName(name)) {
                    continue; // created beside Wharf; no client could name it
                }
                BasicFileAttributes a = attrs(entry);
                if (a != null) {
                    out.add(info(folder.child(name), entry, a));
                }
            }
        } catch (NoSuchFileException e) {
            throw notFound(folder);
        } catch (IOException e) {
            throw failure("list", folder, e);
        }
        out.sort(Comparator.comparing(FileInfo::name));
        return out;
    }

    @Override
    public Download read(StoragePath path, ByteRange range) {
        Path file = file(path);
        for (int attempt = 1; attempt <= OPEN_ATTEMPTS; attempt++) {
            BasicFileAttributes before = requireFile(path, file);
            SeekableByteChannel channel;
            try {
                channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                continue; // replaced or deleted meanwhile: look again
            } catch (IOException e) {
                throw failure("open", path, e);
            }
            try {
                BasicFileAttributes after = attrs(file);
                if (after == null || !Objects.equals(before.fileKey(), after.fileKey()) || after.size() != channel.size()) {
                    // replaced between the look and the open: the checksum read would belong to another version
                    channel.close();
                    continue;
                }
                long size = channel.size();
                range.checkWithin(size);
                channel.position(range.first());
                long length = range.length(size);
                InputStream body = new LimitedInputStream(Channels.newInputStream(channel), length);
                return new Download(body, size, range.first(), length, checksums.read(file, path, after),
                        after.lastModifiedTime().toInstant());
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
                if (e instanceof WharfException w) {
                    throw w;
                }
                throw e instanceof IOException io ? failure("read", path, io) : (RuntimeException) e;
            }
        }
        throw new WharfException(Reason.SERVICE_UNAVAILABLE, "the file keeps changing while it is opened: " + path);
    }

    @Override
    public UploadResult write(StoragePath path, WriteMode mode, UploadBody body) {
        if (path.isRoot()) {
            throw new WharfException(Reason.IS_A_DIRECTORY, "the root folder");
        }
        Path target = file(path);
        BasicFileAttributes existing = attrs(target);
        if (existing != null && existing.isDirectory()) {
            throw new WharfException(Reason.IS_A_DIRECTORY, path.toString());
        }
        checkParentsAreFolders(path);
        long kept = mode.keptBytes(existing == null ? 0 : existing.size());
        Path staged = null;
        boolean committed = false;
        try {
            staged = Files.createTempFile(staging, "upload-", ".part");
            UploadContent content;
            InputStream prefix = kept > 0 ? openPrefix(path, target) : InputStream.nullInputStream();
            try (UploadContent c = body.content(prefix, kept);
                 FileChannel out = FileChannel.open(staged, StandardOpenOption.WRITE)) {
                content = c;
                byte[] buffer = new byte[COPY_BUFFER];
                for (int n; (n = c.read(buffer, 0, buffer.length)) >= 0; ) {
                    ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                }
                out.force(true);
            }
            String sha256 = content.sha256();
            long size = content.size();
            checksums.beforeCommit(staged, sha256, size);
            createParents(path);
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
                throw new WharfException(Reason.IS_A_DIRECTORY, path + " became a folder during the upload");
            } catch (FileSystemException e) {
                BasicFileAttributes now = attrs(target);
                if (now != null && now.isDirectory()) {
                    throw new WharfException(Reason.IS_A_DIRECTORY, path + " became a folder during the upload");
                }
                throw e;
            }
            committed = true;
            syncFolder(target.getParent());
            checksums.afterCommit(target, path, sha256, size);
            return new UploadResult(path.path(), size, sha256);
        } catch (IOException e) {
            throw failure("write", path, e);
        } finally {
            if (!committed && staged != null) {
                deleteQuietly(staged);
            }
        }
    }

    @Override
    public void delete(StoragePath path) {
        if (path.isRoot()) {
            throw new WharfException(Reason.IS_A_DIRECTORY, "the root folder");
        }
        Path file = file(path);
        BasicFileAttributes attrs = attrs(file);
        if (attrs == null) {
            throw notFound(path);
        }
        if (attrs.isDirectory()) {
            throw new WharfException(Reason.IS_A_DIRECTORY, path.toString());
        }
        try {
            Files.delete(file);
        } catch (NoSuchFileException e) {
            throw notFound(path);
        } catch (IOException e) {
            throw failure("delete", path, e);
        }
        checksums.deleted(path);
    }

    @Override
    public void mkdir(StoragePath path) {
        Path dir = file(path);
        if (path.isRoot() || attrs(dir) != null) {
            throw new WharfException(Reason.ALREADY_EXISTS, path.toString());
        }
        checkParentsAreFolders(path);
        try {
            createParents(path);
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new WharfException(Reason.ALREADY_EXISTS, path.toString());
        } catch (IOException e) {
            throw failure("mkdir", path, e);
        }
    }

    @Override
    public void rmdir(StoragePath path) {
        if (path.isRoot()) {
            throw new WharfException(Reason.PERMISSION_DENIED, "the root folder cannot be removed");
        }
        Path dir = file(path);
        BasicFileAttributes attrs = attrs(dir);
        if (attrs == null) {
            throw notFound(path);
        }
        if (!attrs.isDirectory()) {
            throw new WharfException(Reason.NOT_A_DIRECTORY, path.toString());
        }
        try {
            Files.delete(dir);
        } catch (DirectoryNotEmptyException e) {
            throw new WharfException(Reason.DIRECTORY_NOT_EMPTY, path.toString());
        } catch (NoSuchFileException e) {
            throw notFound(path);
        } catch (IOException e) {
            throw failure("rmdir", path, e);
        }
        checksums.folderRemoved(path);
    }

    @Override
    public void rename(StoragePath from, StoragePath to) {
        if (from.isRoot()) {
            throw new WharfException(Reason.PERMISSION_DENIED, "the root folder cannot be renamed");
        }
        Path source = file(from);
        BasicFileAttributes fromAttrs = attrs(source);
        if (fromAttrs == null) {
            throw notFound(from);
        }
        if (from.equals(to)) {
            return;
        }
        boolean folder = fromAttrs.isDirectory();
        if (folder && to.isSameOrUnder(from)) {
            throw new WharfException(Reason.INVALID_PATH, "a folder cannot be moved into itself");
        }
        if (to.isRoot()) {
            throw new WharfException(Reason.ALREADY_EXISTS, "the root folder");
        }
        Path target = file(to);
        BasicFileAttributes toAttrs = attrs(target);
        if (toAttrs != null && (toAttrs.isDirectory() || folder)) {
            throw new WharfException(Reason.ALREADY_EXISTS, to.toString());
        }
        checkParentsAreFolders(to);
        try {
            createParents(to);
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            throw notFound(from);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new WharfException(Reason.ALREADY_EXISTS, to.toString());
        } catch (IOException e) {
            throw failure("rename", from, e);
        }
        checksums.moved(from, to, folder);
    }

    @Override
    public void setModified(StoragePath path, Instant modified) {
        Path file = file(path);
        if ((path.isRoot() ? rootAttrs(file) : attrs(file)) == null) {
            if (!path.isRoot()) {
                throw notFound(path);
            }
            createTenantRoot(path);
        }
        try {
            Files.setLastModifiedTime(file, FileTime.from(modified));
        } catch (NoSuchFileException e) {
            throw notFound(path);
        } catch (IOException e) {
            throw failure("set the time of", path, e);
        }
    }

    @Override
    public long purgeTenant(String tenant) {
        StoragePath rootPath = StoragePath.root(tenant);
        Path tenantDir = root.resolve(rootPath.tenant());
        long[] removed = {0};
        if (Files.exists(tenantDir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                // links are removed, never followed: a tenant folder an operator linked to another disk loses its
                // link here, and what it pointed to stays the operator's
                Files.walkFileTree(tenantDir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.delete(file);
                        removed[0]++;
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                        if (exc != null) {
                            throw exc;
                        }
                        Files.delete(dir);
                        if (!dir.equals(tenantDir)) {
                            removed[0]++;
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw failure("purge", rootPath, e);
            }
        }
        checksums.folderRemoved(rootPath);
        return removed[0];
    }

    @Override
    public void checkReady() {
        try {
            Path probe = Files.createTempFile(staging, "ready-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, "storage root " + root + " is not writable: " + e);
        }
    }

    /**
     * Where {@code path} lives on disk. Refuses a path that leads through a symbolic link inside the tenant folder:
     * no client can make one, but one made beside Wharf must not become a way out (the tenant folder itself may be a
     * link, so an operator can place a tenant on another disk). The last segment is never followed either: every
     * lookup uses NOFOLLOW_LINKS and treats a link as absent.
     */
    private Path file(StoragePath path) {
        Path tenantDir = root.resolve(path.tenant());
        Path file = tenantDir.resolve(path.relative());
        for (Path p = file.getParent(); p != null && p.startsWith(tenantDir) && !p.equals(tenantDir); p = p.getParent()) {
            try {
                Path real = p.toRealPath();
                if (!real.equals(tenantDir.toRealPath().resolve(tenantDir.relativize(p)))) {
                    throw new WharfException(Reason.INVALID_PATH, path + " leads through a symbolic link");
                }
                break; // the nearest existing folder is genuine, and so is everything above it
            } catch (NoSuchFileException e) {
                // not there yet (an upload creates it): look at the folder above
            } catch (FileSystemException e) {
                break; // a parent is a file: the operation itself reports not_a_directory or not_found
            } catch (IOException e) {
                throw failure("resolve", path, e);
            }
        }
        return file;
    }

    /** Attributes of a tenant folder, which an operator may have made a link (to put a tenant on another disk). */
    private static BasicFileAttributes rootAttrs(Path tenantDir) {
        try {
            BasicFileAttributes a = Files.readAttributes(tenantDir, BasicFileAttributes.class);
            return a.isDirectory() ? a : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new WharfException(Reason.INTERNAL_ERROR, "cannot read attributes: " + e.getMessage(), e);
        }
    }

    /** Attributes without following links; null when missing, a link or a special file (none of which Wharf makes). */
    private static BasicFileAttributes attrs(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isDirectory() || a.isRegularFile() ? a : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().contains("Not a directory")) {
                return null; // a parent is a file
            }
            throw new WharfException(Reason.INTERNAL_ERROR, "cannot read attributes: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new WharfException(Reason.INTERNAL_ERROR, "cannot read attributes: " + e.getMessage(), e);
        }
    }

    private FileInfo info(StoragePath path, Path file, BasicFileAttributes attrs) {
        Instant modified = attrs.lastModifiedTime().toInstant();
        if (attrs.isDirectory()) {
            return new FileInfo(path.name(), path.path(), true, 0, modified, null);
        }
        return new FileInfo(path.name(), path.path(), false, attrs.size(), modified, checksums.read(file, path, attrs));
    }

    private BasicFileAttributes requireFile(StoragePath path, Path file) {
        BasicFileAttributes attrs = attrs(file);
        if (attrs == null) {
            throw notFound(path);
        }
        if (attrs.isDirectory()) {
            throw new WharfException(Reason.IS_A_DIRECTORY, path.toString());
        }
        return attrs;
    }

    private InputStream openPrefix(StoragePath path, Path file) throws IOException {
        try {
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new WharfException(Reason.INVALID_OFFSET, path + " was removed before it could be resumed");
        }
    }

    /** Refuses when a file sits where a parent folder of {@code path} should be. */
    private void checkParentsAreFolders(StoragePath path) {
        for (StoragePath p = path.parent(); !p.isRoot(); p = p.parent()) {
            BasicFileAttributes a = attrs(file(p));
            if (a != null) {
                if (!a.isDirectory()) {
                    throw new WharfException(Reason.NOT_A_DIRECTORY, p + " is a file");
                }
                return; // everything above an existing folder is a folder
            }
        }
    }

    private void createParents(StoragePath path) throws IOException {
        try {
            Files.createDirectories(file(path.parent()));
        } catch (FileAlreadyExistsException e) {
            throw new WharfException(Reason.NOT_A_DIRECTORY, "a parent of " + path + " is a file");
        }
    }

    private void createTenantRoot(StoragePath path) {
        try {
            Files.createDirectories(file(StoragePath.root(path.tenant())));
        } catch (IOException e) {
            throw failure("create the root of", path, e);
        }
    }

    private static void syncFolder(Path dir) {
        // makes the rename itself durable; not every platform can open a folder for this, which is not an error
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.debugf("folder sync not available for %s: %s", dir, e.toString());
        }
    }

    private void sweepStaging(Duration maxAge) {
        Instant cutoff = Instant.now().minus(maxAge);
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
            for (Path p : entries) {
                BasicFileAttributes a = attrs(p);
                if (a != null && a.isRegularFile() && a.lastModifiedTime().toInstant().isBefore(cutoff)) {
                    deleteQuietly(p);
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warnf("could not sweep the staging folder %s: %s", staging, e.toString());
        }
        if (removed > 0) {
            LOG.infof("removed %d unfinished uploads older than %s from %s", removed, maxAge, staging);
        }
    }

    private static WharfException notFound(StoragePath path) {
        return new WharfException(Reason.NOT_FOUND, path.toString());
    }

    private static WharfException failure(String what, StoragePath path, IOException e) {
        Reason reason = noSpaceLeft(e) ? Reason.STORAGE_FULL : Reason.INTERNAL_ERROR;
        return new WharfException(reason, "cannot " + what + " " + path + ": " + e, e);
    }

    /** ENOSPC (or EDQUOT): the JDK reports both only as the operating system's message. */
    static boolean noSpaceLeft(IOException e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            String m = t instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", p, e.toString());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already failing; the first error is the one reported
        }
    }
}
