package dev.wharf.sftp.testing;

import dev.wharf.core.grant.SessionGrant;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.core.storage.Upload;
import dev.wharf.core.storage.UploadResult;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * storage-service's contract (docs/service-api.md) in memory: validated absolute paths, atomic uploads with
 * offset/append resume, parent folders created on upload, POSIX-like rename. Thread-safe.
 */
public final class InMemoryStorage implements StoragePort {
    private record Node(boolean directory, byte[] content, Instant modified, String sha256) {
    }

    private final Map<String, TreeMap<String, Node>> tenants = new TreeMap<>();

    private synchronized TreeMap<String, Node> ns(String tenant) {
        return tenants.computeIfAbsent(tenant, t -> {
            TreeMap<String, Node> m = new TreeMap<>();
            m.put("/", new Node(true, null, Instant.now(), null));
            return m;
        });
    }

    /** Test setup: a folder (and its parents). */
    public synchronized void folder(String tenant, String path) {
        check(path);
        mkdirs(ns(tenant), path);
    }

    /** Test setup: a file with content. */
    public synchronized void file(String tenant, String path, byte[] content) {
        check(path);
        TreeMap<String, Node> ns = ns(tenant);
        mkdirs(ns, parent(path));
        ns.put(path, new Node(false, content.clone(), Instant.now(), sha256(content)));
    }

    /** The content of a file, or null when there is none. */
    public synchronized byte[] content(String tenant, String path) {
        Node n = ns(tenant).get(path);
        return n == null || n.directory ? null : n.content.clone();
    }

    public synchronized boolean exists(String tenant, String path) {
        return ns(tenant).containsKey(path);
    }

    /** Every path of a tenant (for assertions that nothing escaped). */
    public synchronized List<String> paths(String tenant) {
        return new ArrayList<>(ns(tenant).keySet());
    }

    @Override
    public synchronized FileInfo stat(SessionGrant grant, String path) {
        String tenant = grant.tenant();
        check(path);
        Node n = ns(tenant).get(path);
        if (n == null) {
            throw new WharfException(Reason.NOT_FOUND, path);
        }
        return info(path, n);
    }

    @Override
    public synchronized List<FileInfo> list(SessionGrant grant, String directory) {
        String tenant = grant.tenant();
        check(directory);
        TreeMap<String, Node> ns = ns(tenant);
        Node d = ns.get(directory);
        if (d == null) {
            throw new WharfException(Reason.NOT_FOUND, directory);
        }
        if (!d.directory) {
            throw new WharfException(Reason.NOT_A_DIRECTORY, directory);
        }
        List<FileInfo> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : ns.entrySet()) {
            String p = e.getKey();
            if (!p.equals("/") && parent(p).equals(directory)) {
                out.add(info(p, e.getValue()));
            }
        }
        return out;
    }

    @Override
    public synchronized InputStream openRead(SessionGrant grant, String path, long offset) {
        String tenant = grant.tenant();
        check(path);
        Node n = ns(tenant).get(path);
        if (n == null) {
            throw new WharfException(Reason.NOT_FOUND, path);
        }
        if (n.directory) {
            throw new WharfException(Reason.IS_A_DIRECTORY, path);
        }
        if (offset > n.content.length) {
            throw new WharfException(Reason.INVALID_OFFSET, path);
        }
        return new ByteArrayInputStream(n.content, (int) offset, n.content.length - (int) offset);
    }

    @Override
    public synchronized Upload openWrite(SessionGrant grant, String path, long offset, boolean append) {
        String tenant = grant.tenant();
        check(path);
        Node n = ns(tenant).get(path);
        if (n != null && n.directory) {
            throw new WharfException(Reason.IS_A_DIRECTORY, path);
        }
        long size = n == null ? 0 : n.content.length;
        if (offset > size) {
            throw new WharfException(Reason.INVALID_OFFSET, path);
        }
        return new MemoryUpload(tenant, path, offset, append);
    }

    private synchronized UploadResult commit(String tenant, String path, long offset, boolean append, byte[] body) {
        TreeMap<String, Node> ns = ns(tenant);
        Node n = ns.get(path);
        if (n != null && n.directory) {
            throw new WharfException(Reason.IS_A_DIRECTORY, path);
        }
        byte[] old = n == null ? new byte[0] : n.content;
        int keep = append ? old.length : (int) offset;
        if (keep > old.length) {
            throw new WharfException(Reason.INVALID_OFFSET, path);
        }
        byte[] all = new byte[keep + body.length];
        System.arraycopy(old, 0, all, 0, keep);
        System.arraycopy(body, 0, all, keep, body.length);
        mkdirs(ns, parent(path));
        String sha = sha256(all);
        ns.put(path, new Node(false, all, Instant.now(), sha));
        return new UploadResult(path, all.length, sha);
    }

    @Override
    public synchronized void delete(SessionGrant grant, String path) {
        String tenant = grant.tenant();
        check(path);
        Node n = ns(tenant).get(path);
        if (n == null) {
            throw new WharfException(Reason.NOT_FOUND, path);
        }
        if (n.directory) {
            throw new WharfException(Reason.IS_A_DIRECTORY, path);
        }
        ns(tenant).remove(path);
    }

    @Override
    public synchronized void mkdir(SessionGrant grant, String path) {
        String tenant = grant.tenant();
        check(path);
        TreeMap<String, Node> ns = ns(tenant);
        if (ns.containsKey(path)) {
            throw new WharfException(Reason.ALREADY_EXISTS, path);
        }
        Node p = ns.get(parent(path));
        if (p == null) {
            throw new WharfException(Reason.NOT_FOUND, parent(path));
        }
        if (!p.directory) {
            throw new WharfException(Reason.NOT_A_DIRECTORY, parent(path));
        }
        ns.put(path, new Node(true, null, Instant.now(), null));
    }

    @Override
    public synchronized void rmdir(SessionGrant grant, String path) {
        String tenant = grant.tenant();
        check(path);
        TreeMap<String, Node> ns = ns(tenant);
        Node n = ns.get(path);
        if (n == null) {
            throw new WharfException(Reason.NOT_FOUND, path);
        }
        if (!n.directory) {
            throw new WharfException(Reason.NOT_A_DIRECTORY, path);
        }
        if (!list(grant, path).isEmpty()) {
            throw new WharfException(Reason.DIRECTORY_NOT_EMPTY, path);
        }
        ns.remove(path);
    }

    @Override
    public synchronized void rename(SessionGrant grant, String from, String to) {
        String tenant = grant.tenant();
        check(from);
        check(to);
        TreeMap<String, Node> ns = ns(tenant);
        Node n = ns.get(from);
        if (n == null) {
            throw new WharfException(Reason.NOT_FOUND, from);
        }
        Node target = ns.get(to);
        if (target != null && target.directory) {
            throw new WharfException(Reason.ALREADY_EXISTS, to);
        }
        Node toParent = ns.get(parent(to));
        if (toParent == null) {
            throw new WharfException(Reason.NOT_FOUND, parent(to));
        }
        Map<String, Node> moved = new TreeMap<>();
        for (Map.Entry<String, Node> e : ns.entrySet()) {
            String p = e.getKey();
            if (p.equals(from) || p.startsWith(from + "/")) {
                moved.put(to + p.substring(from.length()), e.getValue());
            }
        }
        ns.keySet().removeIf(p -> p.equals(from) || p.startsWith(from + "/"));
        ns.putAll(moved);
    }

    @Override
    public synchronized void setModified(SessionGrant grant, String path, Instant modified) {
        String tenant = grant.tenant();
        check(path);
        TreeMap<String, Node> ns = ns(tenant);
        Node n = ns.get(path);
        if (n == null) {
            throw new WharfException(Reason.NOT_FOUND, path);
        }
        ns.put(path, new Node(n.directory, n.content, modified, n.sha256));
    }

    private static FileInfo info(String path, Node n) {
        String name = path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
        return new FileInfo(name, path, n.directory, n.directory ? 0 : n.content.length, n.modified, n.sha256);
    }

    private static void mkdirs(TreeMap<String, Node> ns, String path) {
        if (path.equals("/") || ns.containsKey(path)) {
            return;
        }
        mkdirs(ns, parent(path));
        ns.put(path, new Node(true, null, Instant.now(), null));
    }

    private static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    /** The service refuses anything but clean absolute paths; so does this double, to catch gateway bugs. */
    private static void check(String path) {
        if (path == null || !path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
            throw new WharfException(Reason.INVALID_PATH, path);
        }
        for (String seg : path.substring(1).split("/", -1)) {
            if (path.length() > 1 && (seg.isEmpty() || seg.equals(".") || seg.equals(".."))) {
                throw new WharfException(Reason.INVALID_PATH, path);
            }
        }
        for (char c : path.toCharArray()) {
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new WharfException(Reason.INVALID_PATH, path);
            }
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class MemoryUpload extends Upload {
        private final String tenant;
        private final String path;
        private final long offset;
        private final boolean append;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private boolean aborted;
        private UploadResult result;

        MemoryUpload(String tenant, String path, long offset, boolean append) {
            this.tenant = tenant;
            this.path = path;
            this.offset = offset;
            this.append = append;
        }

        @Override
        public void write(int b) {
            if (!aborted && result == null) {
                body.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (!aborted && result == null) {
                body.write(b, off, len);
            }
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public UploadResult commit() {
            if (aborted) {
                throw new WharfException(Reason.UPLOAD_ABORTED, path);
            }
            if (result == null) {
                result = InMemoryStorage.this.commit(tenant, path, offset, append, body.toByteArray());
            }
            return result;
        }

        @Override
        public UploadResult result() {
            return result;
        }

        @Override
        public boolean aborted() {
            return aborted;
        }
    }
}
