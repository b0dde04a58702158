package dev.wharf.sftp.fs;

import dev.wharf.core.files.FileOperations;

import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The files of one logged-in SFTP session: the user's home folder as {@code /}, backed by the session's
 * {@link FileOperations} (storage-service). One instance per SFTP channel; closing it discards uploads that were
 * never closed by the client.
 */
public final class WharfFileSystem extends FileSystem {
    private final WharfFileSystemProvider provider;
    private final FileOperations files;
    private final WharfPrincipal owner;
    private final WharfPath root;
    private final List<UploadChannel> uploads = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    WharfFileSystem(WharfFileSystemProvider provider, FileOperations files) {
        this.provider = provider;
        this.files = files;
        String user = files.session().username();
        this.owner = new WharfPrincipal(user == null ? "user" : user);
        this.root = new WharfPath(this, true, List.of(), null);
    }

    FileOperations files() {
        return files;
    }

    WharfPrincipal owner() {
        return owner;
    }

    WharfPath root() {
        return root;
    }

    void register(UploadChannel upload) {
        uploads.add(upload);
    }

    void unregister(UploadChannel upload) {
        uploads.remove(upload);
    }

    /** The upload still open on this client path, if any. */
    UploadChannel openUpload(String clientPath) {
        for (UploadChannel u : uploads) {
            if (u.path().equals(clientPath)) {
                return u;
            }
        }
        return null;
    }

    @Override
    public WharfFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        for (UploadChannel u : new ArrayList<>(uploads)) {
            u.abortOnClose();
            try {
                u.close();
            } catch (java.io.IOException e) {
                // aborting only discards: nothing to report to a client that is gone
            }
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(root);
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic", "posix");
    }

    @Override
    public Path getPath(String first, String... more) {
        StringBuilder b = new StringBuilder(first);
        for (String m : more) {
            if (!m.isEmpty()) {
                b.append('/').append(m);
            }
        }
        return WharfPath.parse(this, b.toString());
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        throw new UnsupportedOperationException("path matchers are not supported");
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return new UserPrincipalLookupService() {
            @Override
            public WharfPrincipal lookupPrincipalByName(String name) {
                return new WharfPrincipal(name);
            }

            @Override
            public WharfPrincipal lookupPrincipalByGroupName(String group) {
                return new WharfPrincipal(group);
            }
        };
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("watching folders is not supported");
    }

    @Override
    public String toString() {
        return "wharf:" + files.session().id();
    }
}
