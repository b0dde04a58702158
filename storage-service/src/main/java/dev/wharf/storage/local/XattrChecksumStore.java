package dev.wharf.storage.local;

import dev.wharf.storage.backend.StoragePath;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * SHA-256 in the user extended attribute {@code user.wharf.sha256}. It is set on the staged file, so it moves into
 * place with the bytes in the same atomic rename, and follows the file through renames for free.
 */
final class XattrChecksumStore implements ChecksumStore {
    static final String NAME = "wharf.sha256";

    @Override
    public String kind() {
        return "xattr";
    }

    /** True when files under {@code dir} accept user extended attributes (probed with a real write). */
    static boolean supported(Path dir) {
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, "xattr-probe-", ".tmp");
            UserDefinedFileAttributeView view = Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class);
            if (view == null) {
                return false;
            }
            view.write(NAME, ByteBuffer.wrap("probe".getBytes(StandardCharsets.US_ASCII)));
            return view.size(NAME) == 5;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // a leftover probe in the staging folder is swept like any stale upload
                }
            }
        }
    }

    @Override
    public void beforeCommit(Path staged, String sha256, long size) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(staged, UserDefinedFileAttributeView.class);
        view.write(NAME, StandardCharsets.US_ASCII.encode(new Stored(sha256, size, null).format()));
    }

    @Override
    public void afterCommit(Path file, StoragePath path, String sha256, long size) {
        // already set on the staged file
    }

    @Override
    public String read(Path file, StoragePath path, BasicFileAttributes attrs) {
        try {
            UserDefinedFileAttributeView view =
                    Files.getFileAttributeView(file, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (view == null || !view.list().contains(NAME)) {
                return null;
            }
            ByteBuffer buf = ByteBuffer.allocate(Math.min(view.size(NAME), 256));
            view.read(NAME, buf);
            buf.flip();
            Stored s = Stored.parse(StandardCharsets.US_ASCII.decode(buf).toString());
            return s != null && s.size() == attrs.size() ? s.sha256() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void deleted(StoragePath path) {
        // goes with the file
    }

    @Override
    public void folderRemoved(StoragePath path) {
        // nothing kept outside the files
    }

    @Override
    public void moved(StoragePath from, StoragePath to, boolean folder) {
        // goes with the file
    }
}
