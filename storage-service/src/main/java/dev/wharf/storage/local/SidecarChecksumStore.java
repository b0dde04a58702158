package dev.wharf.storage.local;

import dev.wharf.storage.backend.StoragePath;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 in sidecar files, for file systems without user extended attributes. Sidecars live outside every tenant
 * folder, in {@code <root>/.meta/<tenant>/}, in a tree that mirrors the tenant's folders; each name is hashed (with
 * {@code .d} for folders and {@code .f} for files) so that no user name can collide with a sidecar or exceed the
 * file system's name limit. A folder rename is one rename of its mirror folder.
 *
 * <p>A sidecar records the file's size and inode, and is written after the file is in place: a crash in between, a
 * concurrent upload or a change made beside Wharf leaves a sidecar that no longer matches, which reads as unknown.
 */
final class SidecarChecksumStore implements ChecksumStore {
    private static final Logger LOG = Logger.getLogger(SidecarChecksumStore.class);

    private final Path metaRoot;
    private final Path staging;

    SidecarChecksumStore(Path metaRoot, Path staging) throws IOException {
        this.metaRoot = Files.createDirectories(metaRoot);
        this.staging = staging;
    }

    @Override
    public String kind() {
        return "sidecar";
    }

    @Override
    public void beforeCommit(Path staged, String sha256, long size) {
        // the inode is only final once the file is in place
    }

    @Override
    public void afterCommit(Path file, StoragePath path, String sha256, long size) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        Path sidecar = sidecar(path, false);
        Files.createDirectories(sidecar.getParent());
        Path tmp = Files.createTempFile(staging, "sidecar-", ".tmp");
        try {
            Files.writeString(tmp, new Stored(sha256, size, key == null ? null : key.toString()).format(),
                    StandardCharsets.US_ASCII);
            Files.move(tmp, sidecar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public String read(Path file, StoragePath path, BasicFileAttributes attrs) {
        try {
            Stored s = Stored.parse(Files.readString(sidecar(path, false), StandardCharsets.US_ASCII));
            if (s == null || s.size() != attrs.size()) {
                return null;
            }
            Object key = attrs.fileKey();
            if (key != null && !key.toString().equals(s.fileKey())) {
                return null;
            }
            return s.sha256();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void deleted(StoragePath path) {
        try {
            Files.deleteIfExists(sidecar(path, false));
        } catch (IOException e) {
            LOG.warnf("could not delete the checksum sidecar of %s: %s", path, e.toString());
        }
    }

    @Override
    public void folderRemoved(StoragePath path) {
        deleteTree(sidecar(path, true));
    }

    @Override
    public void moved(StoragePath from, StoragePath to, boolean folder) {
        Path source = sidecar(from, folder);
        Path target = sidecar(to, folder);
        try {
            if (folder) {
                deleteTree(target); // a mirror of a folder that no longer exists
            }
            Files.createDirectories(target.getParent());
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // nothing stored for it (uploaded before sidecars, or an empty folder)
            deleteTree(target);
        } catch (IOException e) {
            LOG.warnf("could not move the checksum sidecar of %s to %s: %s", from, to, e.toString());
        }
    }

    private Path sidecar(StoragePath path, boolean folder) {
        Path p = metaRoot.resolve(path.tenant());
        var segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            boolean last = i == segments.size() - 1;
            p = p.resolve(hash(segments.get(i)) + (last && !folder ? ".f" : ".d"));
        }
        return p;
    }

    private static String hash(String name) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(name.getBytes(StandardCharsets.UTF_8)), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    try {
                        Files.deleteIfExists(d);
                    } catch (DirectoryNotEmptyException e) {
                        // a sidecar written concurrently; it no longer matches any file and is harmless
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warnf("could not remove checksum sidecars under %s: %s", dir, e.toString());
        }
    }
}
