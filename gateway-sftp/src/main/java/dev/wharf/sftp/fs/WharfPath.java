package dev.wharf.sftp.fs;

import dev.wharf.core.storage.FileInfo;
import org.apache.sshd.common.util.io.functors.IOFunction;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.fs.WithFileAttributeCache;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A path as the SFTP client sees it: {@code /}-separated, rooted at the user's home folder. Purely lexical; every
 * access goes through {@link WharfFileSystemProvider} to the session's file operations.
 *
 * <p>A path may carry the storage answer it came with (directory listings) and caches its own stat while the SFTP
 * subsystem asks for it several times within one request ({@link #withAttributeCache}), so that one request costs
 * one storage call instead of three or four.
 */
public final class WharfPath implements Path, WithFileAttributeCache {
    private final WharfFileSystem fs;
    private final boolean absolute;
    private final List<String> names;
    private final FileInfo listed;
    private FileInfo cached;
    private int cacheDepth;

    WharfPath(WharfFileSystem fs, boolean absolute, List<String> names, FileInfo listed) {
        this.fs = fs;
        this.absolute = absolute;
        this.names = List.copyOf(names);
        this.listed = listed;
    }

    /** Parses a {@code /}-separated string; empty segments are dropped, {@code .} and {@code ..} kept until normalize. */
    static WharfPath parse(WharfFileSystem fs, String s) {
        List<String> parts = new ArrayList<>();
        for (String p : s.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return new WharfPath(fs, s.startsWith("/"), parts, null);
    }

    /** A listed entry of this folder, carrying what storage said about it. */
    WharfPath child(FileInfo info) {
        List<String> joined = new ArrayList<>(names);
        joined.add(info.name());
        return new WharfPath(fs, absolute, joined, info);
    }

    /** The client-view absolute string used with {@link dev.wharf.core.files.FileOperations}. */
    String clientPath() {
        return toAbsolutePath().normalize().toString();
    }

    /** What storage said about this entry when it was listed, or the stat cached in the current request. */
    FileInfo knownInfo() {
        return listed != null ? listed : cached;
    }

    void remember(FileInfo info) {
        if (cacheDepth > 0) {
            cached = info;
        }
    }

    /** Forgets a cached stat after a change made through this path. */
    void forget() {
        cached = null;
    }

    @Override
    public <T> T withAttributeCache(IOFunction<Path, T> action) throws IOException {
        cacheDepth++;
        try {
            return action.apply(this);
        } finally {
            if (--cacheDepth == 0) {
                cached = null;
            }
        }
    }

    @Override
    public void setAttributes(SftpClient.Attributes attributes) {
        // attributes come from storage only
    }

    /** Listed entries answer readdir directly with their attributes (no further storage call). */
    @Override
    public SftpClient.Attributes getAttributes() {
        return listed == null ? null : WharfFileAttributes.of(listed, fs.owner()).toSftpAttributes();
    }

    @Override
    public WharfFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return absolute;
    }

    @Override
    public Path getRoot() {
        return absolute ? fs.root() : null;
    }

    @Override
    public Path getFileName() {
        return names.isEmpty() ? null : new WharfPath(fs, false, List.of(names.get(names.size() - 1)), null);
    }

    @Override
    public Path getParent() {
        if (names.isEmpty() || (names.size() == 1 && !absolute)) {
            return null;
        }
        return new WharfPath(fs, absolute, names.subList(0, names.size() - 1), null);
    }

    @Override
    public int getNameCount() {
        return names.size();
    }

    @Override
    public Path getName(int index) {
        return new WharfPath(fs, false, List.of(names.get(index)), null);
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return new WharfPath(fs, false, names.subList(beginIndex, endIndex), null);
    }

    @Override
    public boolean startsWith(Path other) {
        WharfPath o = check(other);
        return o.absolute == absolute && o.names.size() <= names.size()
                && names.subList(0, o.names.size()).equals(o.names);
    }

    @Override
    public boolean endsWith(Path other) {
        WharfPath o = check(other);
        if (o.absolute) {
            return equals(o);
        }
        int n = names.size();
        int m = o.names.size();
        return m <= n && names.subList(n - m, n).equals(o.names);
    }

    @Override
    public Path normalize() {
        Deque<String> out = new ArrayDeque<>();
        for (String n : names) {
            if (n.equals(".")) {
                continue;
            }
            if (n.equals("..")) {
                if (!out.isEmpty() && !out.peekLast().equals("..")) {
                    out.pollLast();
                } else if (!absolute) {
                    out.addLast(n);
                } // ".." at the root stays at the root
                continue;
            }
            out.addLast(n);
        }
        return new WharfPath(fs, absolute, new ArrayList<>(out), null);
    }

    @Override
    public Path resolve(Path other) {
        WharfPath o = check(other);
        if (o.absolute) {
            return o;
        }
        if (o.names.isEmpty()) {
            return this;
        }
        List<String> joined = new ArrayList<>(names);
        joined.addAll(o.names);
        return new WharfPath(fs, absolute, joined, null);
    }

    @Override
    public Path relativize(Path other) {
        WharfPath o = check(other);
        if (o.absolute != absolute) {
            throw new IllegalArgumentException("cannot relativize an absolute and a relative path");
        }
        int common = 0;
        while (common < names.size() && common < o.names.size() && names.get(common).equals(o.names.get(common))) {
            common++;
        }
        List<String> rel = new ArrayList<>();
        for (int i = common; i < names.size(); i++) {
            rel.add("..");
        }
        rel.addAll(o.names.subList(common, o.names.size()));
        return new WharfPath(fs, false, rel, null);
    }

    @Override
    public URI toUri() {
        try {
            return new URI(WharfFileSystemProvider.SCHEME, null, clientPath(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Path toAbsolutePath() {
        return absolute ? this : new WharfPath(fs, true, names, listed);
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        WharfPath real = (WharfPath) toAbsolutePath().normalize();
        fs.provider().checkAccess(real);
        return real;
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("watching folders is not supported");
    }

    @Override
    public int compareTo(Path other) {
        return toString().compareTo(check(other).toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WharfPath p && p.fs == fs && p.absolute == absolute && p.names.equals(names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(absolute, names);
    }

    @Override
    public String toString() {
        String joined = String.join("/", names);
        return absolute ? "/" + joined : joined;
    }

    private WharfPath check(Path other) {
        if (!(other instanceof WharfPath p) || p.fs != fs) {
            throw new ProviderMismatchException("not a path of this session's file system: " + other);
        }
        return p;
    }
}
