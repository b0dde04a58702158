package dev.wharf.ftp.support;

import dev.wharf.core.grant.SessionGrant;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.core.storage.Upload;
import dev.wharf.core.storage.UploadResult;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * storage-service's contract in memory (docs/service-api.md): atomic uploads with resume and append, folders,
 * rename that replaces files and refuses folders, the reasons of each refusal. One map per tenant.
 */
public final class MemoryStorage implements StoragePort {
    private record Entry(boolean directory, byte[] content, Instant modified, String sha256) {
    }

    private final Map<String, Entry> entries = new TreeMap<>();
    private final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

    private static String key(String tenant, String path) {
        return tenant + ":" + path;
    }

    public synchronized void mkdirs(String tenant, String path) {
        String p = "/";
        entries.putIfAbsent(key(tenant, "/"), new Entry(true, null, Instant.now(), null));
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            p = p.equals("/") ? "/" + part : p + "/" + part;
            entries.putIfAbsent(key(tenant, p), new Entry(true, null, Instant.now(), null));
        }
    }

    public synchronized void put(String tenant, String path, byte[] content) {
        mkdirs(tenant, VirtualPaths.parent(path));
        entries.put(key(tenant, path), new Entry(false, content.clone(), Instant.now(), sha256(content)));
    }

    /** A file as stored before checksums were kept: no SHA-256 recorded. */
    public synchronized void putWithoutHash(String tenant, String path, byte[] content) {
        mkdirs(tenant, VirtualPaths.parent(path));
        entries.put(key(tenant, path), new Entry(false, content.clone(), Instant.now(), null));
    }

    /** How many times a file was opened for reading. */
    public int reads() {
        return reads.get();
    }

    /** The stored bytes, or null when there is no such file. */
    public synchronized byte[] content(String tenant, String path) {
        Entry e = entries.get(key(tenant, path));
        return e == null || e.directory() ? null : e.content().clone();
    }

    public synchronized boolean exists(String tenant, String path) {
        return entries.containsKey(key(tenant, path));
    }

    private Entry get(String tenant, String path) {
        Entry e = entries.get(key(tenant, path));
        if (e == null) {
            throw new WharfException(Reason.NOT_FOUND, path);
        }
        return e;
    }

    private volatile boolean away;
    private volatile long failWritesAfter = Long.MAX_VALUE;

    /** Uploads fail with an I/O error once their body passes {@code bytes}, as when storage-service dies mid-upload. */
    public void failWritesAfter(long bytes) {
        this.failWritesAfter = bytes;
    }

    /** While true, stat answers {@code service_unavailable}, as storage-service does when it is down. */
    public void away(boolean away) {
        this.away = away;
    }

    @Override
    public synchronized FileInfo stat(SessionGrant grant, String path) {
        if (away) {
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, "storage-service away (test)");
        }
        String tenant = grant.tenant();
        return info(path, get(tenant, path));
    }

    private static FileInfo info(String path, Entry e) {
        return new FileInfo(path.equals("/") ? "/" : VirtualPaths.name(path), path, e.directory(),
                e.directory() ? 0 : e.content().length, e.modified(), e.sha256());
    }

    @Override
    public synchronized List<FileInfo> list(SessionGrant grant, String directory) {
        String tenant = grant.tenant();
        if (!get(tenant, directory).directory()) {
            throw new WharfException(Reason.NOT_A_DIRECTORY, directory);
        }
        String prefix = key(tenant, directory.equals("/") ? "/" : directory + "/");
        List<FileInfo> out = new ArrayList<>();
        entries.forEach((k, e) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length() && k.indexOf('/', prefix.length()) < 0) {
                out.add(info(k.substring(tenant.length() + 1), e));
            }
        });
        return out;
    }

    @Override
    public synchronized InputStream openRead(SessionGrant grant, String path, long offset) {
        String tenant = grant.tenant();
        reads.incrementAndGet();
        Entry e = get(tenant, path);
        if (e.directory()) {
            throw new WharfException(Reason.IS_A_DIRECTORY, path);
        }
        if (offset > e.content().length) {
            throw new WharfException(Reason.INVALID_OFFSET, path);
        }
        return new ByteArrayInputStream(e.content(), (int) offset, e.content().length - (int) offset);
    }

    @Override
    public Upload openWrite(SessionGrant grant, String path, long offset, boolean append) {
        String tenant = grant.tenant();
        return new MemoryUpload(tenant, path, offset, append);
    }

    private synchronized UploadResult commit(String tenant, String path, long offset, boolean append, byte[] body) {
        Entry existing = entries.get(key(tenant, path));
        if (existing != null && existing.directory()) {
            throw new WharfException(Reason.IS_A_DIRECTORY, path);
        }
        byte[] before = existing == null ? new byte[0] : existing.content();
        byte[] head;
        if (append) {
            head = before;
        } else if (offset > 0) {
            if (offset > before.length) {
                throw new WharfException(Reason.INVALID_OFFSET, path);
            }
            head = java.util.Arrays.copyOf(before, (int) offset);
        } else {
            head = new byte[0];
        }
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        put(tenant, path, all);
        return new UploadResult(path, all.length, sha256(all));
    }

    @Override
    public synchronized void delete(SessionGrant grant, String path) {
        String tenant = grant.tenant();
        if (get(tenant, path).directory()) {
            throw new WharfException(Reason.IS_A_DIRECTORY, path);
        }
        entries.remove(key(tenant, path));
    }

    @Override
    public synchronized void mkdir(SessionGrant grant, String path) {
        String tenant = grant.tenant();
        if (entries.containsKey(key(tenant, path))) {
            throw new WharfException(Reason.ALREADY_EXISTS, path);
        }
        if (!get(tenant, VirtualPaths.parent(path)).directory()) {
            throw new WharfException(Reason.NOT_A_DIRECTORY, path);
        }
        entries.put(key(tenant, path), new Entry(true, null, Instant.now(), null));
    }

    @Override
    public synchronized void rmdir(SessionGrant grant, String path) {
        String tenant = grant.tenant();
        if (!get(tenant, path).directory()) {
            throw new WharfException(Reason.NOT_A_DIRECTORY, path);
        }
        if (!list(grant, path).isEmpty()) {
            throw new WharfException(Reason.DIRECTORY_NOT_EMPTY, path);
        }
        entries.remove(key(tenant, path));
    }

    @Override
    public synchronized void rename(SessionGrant grant, String from, String to) {
        String tenant = grant.tenant();
        Entry source = get(tenant, from);
        Entry target = entries.get(key(tenant, to));
        if (target != null && target.directory()) {
            throw new WharfException(Reason.ALREADY_EXISTS, to);
        }
        mkdirs(tenant, VirtualPaths.parent(to));
        if (source.directory()) {
            String prefix = key(tenant, from + "/");
            Map<String, Entry> moved = new TreeMap<>();
            entries.entrySet().removeIf(en -> {
                if (en.getKey().startsWith(prefix)) {
                    moved.put(key(tenant, to + "/") + en.getKey().substring(prefix.length()), en.getValue());
                    return true;
                }
                return false;
            });
            entries.putAll(moved);
        }
        entries.remove(key(tenant, from));
        entries.put(key(tenant, to), source);
    }

    @Override
    public synchronized void setModified(SessionGrant grant, String path, Instant modified) {
        String tenant = grant.tenant();
        Entry e = get(tenant, path);
        entries.put(key(tenant, path), new Entry(e.directory(), e.content(), modified, e.sha256()));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Buffers the body; the file appears only at commit, and an aborted upload leaves nothing. */
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
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (body.size() + len > failWritesAfter) {
                throw new IOException("storage-service went away");
            }
            if (!aborted && result == null) {
                body.write(b, off, len);
            }
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public UploadResult commit() throws IOException {
            if (aborted) {
                throw new IOException("upload aborted");
            }
            if (result == null) {
                result = MemoryStorage.this.commit(tenant, path, offset, append, body.toByteArray());
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
