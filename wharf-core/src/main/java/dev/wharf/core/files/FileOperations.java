package dev.wharf.core.files;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.access.AccessRules;
import dev.wharf.core.access.Permission;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.bandwidth.Throttle;
import dev.wharf.core.grant.SessionGrant;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.core.storage.Upload;
import dev.wharf.core.storage.UploadResult;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * The file operations of a logged-in session, shared by FTP, SFTP and the web: every operation confines the client's
 * path to the home folder, checks the folder rules of the session's grant ({@link AccessRules}), calls storage,
 * counts and publishes its audit event in this one place. A refused operation is {@code permission_denied} with a
 * {@link AuditType#FILE_DENIED} event naming the rule; a folder without the {@code list} permission lists as empty
 * (an upload-only drop box shows nothing, not even the uploader's own files).
 *
 * <p>A shared folder's mount ({@link AccessRules#mountAt}) maps the paths below it to the tenant's shared folder;
 * listings show mount paths as folders even before the shared folder or the home holds anything, and a mount path
 * (or a folder above one) cannot be removed or renamed.
 *
 * <p>Paths given here are the client's view: absolute, rooted at the user's home ({@code /} is the home
 * folder). Adapters resolve relative paths with {@link VirtualPaths#resolve} first. Returned {@link FileInfo}s
 * carry client-view paths too.
 */
public final class FileOperations {
    private final GatewaySession session;
    private final StoragePort storage;
    private final SessionAudit audit;
    // one per direction, shared by the session's transfers at once: the user's limit is the session's total
    private final Throttle uploads = Throttle.system();
    private final Throttle downloads = Throttle.system();

    public FileOperations(GatewaySession session, StoragePort storage, SessionAudit audit) {
        if (!session.loggedIn()) {
            throw new IllegalStateException("file operations need a logged-in session");
        }
        this.session = session;
        this.storage = storage;
        this.audit = audit;
    }

    public GatewaySession session() {
        return session;
    }

    /**
     * The file's metadata; the home folder and the mount paths (and the folders above them) exist for every user,
     * also before anything is stored in them.
     */
    public FileInfo stat(String clientPath) {
        try {
            return toClient(clientPath, storage.stat(grant(), real(clientPath)));
        } catch (WharfException e) {
            if (isAlwaysThere(e, clientPath)) {
                String p = VirtualPaths.resolve("/", clientPath);
                return new FileInfo(p.equals("/") ? "/" : VirtualPaths.name(p), p, true, 0, Instant.EPOCH, null);
            }
            throw e;
        }
    }

    /** The folder's entries; the home folder lists as empty before anything is stored in it. */
    public List<FileInfo> list(String clientDir) {
        String dir = VirtualPaths.resolve("/", clientDir);
        if (!access().allows(dir, Permission.LIST)) {
            return List.of();
        }
        List<FileInfo> stored;
        try {
            stored = storage.list(grant(), real(dir)).stream()
                    .map(f -> toClient(dir.equals("/") ? "/" + f.name() : dir + "/" + f.name(), f))
                    .toList();
        } catch (WharfException e) {
            if (!isAlwaysThere(e, dir)) {
                throw e;
            }
            stored = List.of();
        }
        java.util.SortedSet<String> mounted = access().mountEntries(dir);
        if (mounted.isEmpty()) {
            return stored;
        }
        List<FileInfo> all = new java.util.ArrayList<>(stored.size() + mounted.size());
        // a mount shadows what the home holds at its path
        stored.stream().filter(f -> !mounted.contains(f.name())).forEach(all::add);
        for (String name : mounted) {
            String p = dir.equals("/") ? "/" + name : dir + "/" + name;
            all.add(new FileInfo(name, p, true, 0, Instant.EPOCH, null));
        }
        return all;
    }

    // storage makes a home or shared folder with the first upload into it, but clients (paramiko, every client that
    // lists the starting folder first) need them from the first session on
    private boolean isAlwaysThere(WharfException e, String clientPath) {
        String p = VirtualPaths.resolve("/", clientPath);
        return e.reason() == Reason.NOT_FOUND && (p.equals("/") || access().holdsMount(p));
    }

    /** Refuses removing or renaming a mount path or a folder above one: the view would lose the mount. */
    private void requireNoMount(String path) {
        if (access().holdsMount(path)) {
            throw new WharfException(Reason.PERMISSION_DENIED, VirtualPaths.printable(path)
                    + " holds a shared folder: it cannot be removed or renamed");
        }
    }

    /** Opens a download from {@code offset}; the download event is published when the stream is closed. */
    public InputStream openRead(String clientPath, long offset) {
        audit.requireAccepting();
        String path = VirtualPaths.resolve("/", clientPath);
        require(path, Permission.READ);
        String sha = null;
        InputStream in;
        try {
            if (offset == 0) {
                sha = storage.stat(grant(), real(path)).sha256();
            }
            in = storage.openRead(grant(), real(path), offset);
        } catch (WharfException e) {
            throw downloadRefused(clientPath, offset, e);
        }
        downloads.rate(session.grant().bandwidth().download());
        return new CountingDownload(in, path, offset, sha);
    }

    /**
     * Records a download refused before a byte moved (storage away or refusing) and gives back the refusal: for a
     * protocol whose own lookup met the failure before {@link #openRead} could (FTP's RETR checks the file first).
     */
    public WharfException downloadRefused(String clientPath, long offset, WharfException e) {
        audit.publish(audit.event(AuditType.DOWNLOAD_FAILED, session).reason(e.reason().code())
                .data("path", VirtualPaths.resolve("/", clientPath)).data("bytes", 0L).data("offset", offset)
                .data("durationMs", 0L));
        return e;
    }

    /** Starts an upload; the upload event is published when it is committed, a failure event when aborted. */
    public Upload openWrite(String clientPath, long offset, boolean append) {
        String path = VirtualPaths.resolve("/", clientPath);
        if (path.equals("/")) {
            throw new WharfException(Reason.IS_A_DIRECTORY, null);
        }
        requireWrite(path, offset > 0 || append);
        audit.requireAccepting();
        String real = real(path);
        try {
            long maxBody = storage.uploadAllowance(grant(), real, offset, append);
            uploads.rate(session.grant().bandwidth().upload());
            return new AuditedUpload(storage.openWrite(grant(), real, offset, append), path, offset, maxBody);
        } catch (WharfException e) {
            // refused before a byte moved (quota, storage away): recorded like a failure mid-way
            audit.publish(audit.event(AuditType.UPLOAD_FAILED, session).reason(e.reason().code())
                    .data("path", path).data("bytes", 0L).data("offset", offset).data("durationMs", 0L));
            throw e;
        }
    }

    public void delete(String clientPath) {
        String path = VirtualPaths.resolve("/", clientPath);
        require(path, Permission.DELETE);
        requireNoMount(path);
        audit.requireAccepting();
        storage.delete(grant(), real(path));
        audit.publish(audit.event(AuditType.DELETE, session).data("path", path));
    }

    public void mkdir(String clientPath) {
        String path = VirtualPaths.resolve("/", clientPath);
        require(path, Permission.MKDIR);
        audit.requireAccepting();
        storage.mkdir(grant(), real(path));
        audit.publish(audit.event(AuditType.FOLDER_CREATED, session).data("path", path));
    }

    public void rmdir(String clientPath) {
        String path = VirtualPaths.resolve("/", clientPath);
        if (path.equals("/")) {
            throw new WharfException(Reason.PERMISSION_DENIED, "the home folder cannot be removed");
        }
        require(path, Permission.DELETE);
        requireNoMount(path);
        audit.requireAccepting();
        storage.rmdir(grant(), real(path));
        audit.publish(audit.event(AuditType.FOLDER_REMOVED, session).data("path", path));
    }

    public void rename(String clientFrom, String clientTo) {
        String from = VirtualPaths.resolve("/", clientFrom);
        String to = VirtualPaths.resolve("/", clientTo);
        if (from.equals("/") || to.equals("/")) {
            throw new WharfException(Reason.PERMISSION_DENIED, "the home folder cannot be renamed");
        }
        require(from, Permission.RENAME);
        require(to, Permission.RENAME);
        requireNoMount(from);
        requireNoMount(to);
        audit.requireAccepting();
        storage.rename(grant(), real(from), real(to));
        audit.publish(audit.event(AuditType.RENAME, session).data("path", to).data("from", from).data("to", to));
    }

    public void setModified(String clientPath, Instant modified) {
        String path = VirtualPaths.resolve("/", clientPath);
        AccessRules.Decision d = access().decide(path);
        if (!d.allows(Permission.WRITE) && !d.allows(Permission.OVERWRITE)) {
            throw denied(path, Permission.OVERWRITE, d);
        }
        storage.setModified(grant(), real(path), modified);
    }

    private SessionGrant grant() {
        return session.grant();
    }

    private AccessRules access() {
        return session.grant().access();
    }

    /**
     * Nothing, if the folder rules allow {@code p} at {@code clientPath}; else the audited {@code permission_denied}
     * (for adapters that must refuse before the operation itself starts, e.g. FTP's RETR before its 150 reply).
     */
    public void require(String clientPath, Permission p) {
        requireAt(VirtualPaths.resolve("/", clientPath), p);
    }

    private void requireAt(String path, Permission p) {
        AccessRules.Decision d = access().decide(path);
        if (!d.allows(p)) {
            throw denied(path, p, d);
        }
    }

    /** An upload needs {@code write} or {@code overwrite} ({@link AccessRules.Decision#uploadNeeds}). */
    private void requireWrite(String path, boolean extending) {
        AccessRules.Decision d = access().decide(path);
        Permission needed = d.uploadNeeds(extending, () -> exists(path));
        if (!d.allows(needed)) {
            throw denied(path, needed, d);
        }
    }

    private boolean exists(String path) {
        try {
            storage.stat(grant(), real(path));
            return true;
        } catch (WharfException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** The refusal of {@code p} at {@code path}, audited with the rule that refused it. */
    private WharfException denied(String path, Permission p, AccessRules.Decision d) {
        AccessRules.AccessDenied e = AccessRules.denied(path, p, d);
        audit.publish(audit.event(AuditType.FILE_DENIED, session)
                .reason(Reason.PERMISSION_DENIED.code())
                .data("path", path)
                .data("operation", p.wire())
                .data("rule", e.rule() == null ? null : e.rule().describe()));
        return e;
    }

    private String real(String clientPath) {
        return access().real(session.principal().home(), VirtualPaths.resolve("/", clientPath));
    }

    private static FileInfo toClient(String clientPath, FileInfo f) {
        String p = VirtualPaths.resolve("/", clientPath);
        return new FileInfo(p.equals("/") ? "/" : VirtualPaths.name(p), p, f.directory(), f.size(), f.modified(),
                f.sha256());
    }

    /** The event with the rate its transfer was paced to, when the user has a limit (for the operator, and tests). */
    private static AuditEvent.Builder limited(AuditEvent.Builder event, long rate) {
        return rate > 0 ? event.data("bytesPerSecondLimit", rate) : event;
    }

    private final class CountingDownload extends FilterInputStream {
        private final String path;
        private final long offset;
        private final String sha256;
        private final long rate = downloads.rate();
        private final long started = System.nanoTime();
        private long bytes;
        private boolean closed;
        // the stream from storage-service failed (it died or the connection broke): not a finished download
        private boolean broken;

        CountingDownload(InputStream in, String path, long offset, String sha256) {
            super(in);
            this.path = path;
            this.offset = offset;
            this.sha256 = sha256;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException e) {
                broken = true;
                throw e;
            }
            if (b >= 0) {
                bytes++;
                downloads.take(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(buf, off, downloads.chunk(len));
            } catch (IOException e) {
                broken = true;
                throw e;
            }
            if (n > 0) {
                bytes += n;
                downloads.take(n);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                super.close();
            } finally {
                session.countDownload(bytes);
                long millis = (System.nanoTime() - started) / 1_000_000;
                try {
                    if (broken) {
                        audit.publish(audit.event(AuditType.DOWNLOAD_FAILED, session)
                                .reason(Reason.SERVICE_UNAVAILABLE.code())
                                .data("path", path).data("bytes", bytes).data("offset", offset)
                                .data("durationMs", millis));
                        return;
                    }
                    audit.publish(limited(audit.event(AuditType.DOWNLOAD, session)
                            .data("path", path)
                            .data("bytes", bytes)
                            .data("offset", offset)
                            .data("durationMs", millis)
                            .data("sha256", sha256), rate));
                } catch (WharfException e) {
                    // a stream's failure is an IOException: protocol libraries close streams expecting only that
                    throw new IOException(e.getMessage(), e);
                }
            }
        }
    }

    /**
     * An upload that is audited once, when it ends, and stopped here as soon as it passes its quota
     * ({@code maxBody}; storage-service would stop it too, but its refusal cannot reach the protocol reply mid-body).
     */
    private final class AuditedUpload extends Upload {
        private final Upload delegate;
        private final String path;
        private final long offset;
        private final long maxBody;
        private final long rate = uploads.rate();
        private final long started = System.nanoTime();
        private long bytes;
        private boolean reported;
        private Reason failure = Reason.UPLOAD_ABORTED;

        AuditedUpload(Upload delegate, String path, long offset, long maxBody) {
            this.delegate = delegate;
            this.path = path;
            this.offset = offset;
            this.maxBody = maxBody;
        }

        @Override
        public void write(int b) throws IOException {
            checkQuota(1);
            uploads.take(1);
            try {
                delegate.write(b);
            } catch (IOException | RuntimeException e) {
                storageFailed(e);
                throw e;
            }
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            checkQuota(len);
            for (int done = 0; done < len; ) {
                int n = uploads.chunk(len - done);
                uploads.take(n);
                try {
                    delegate.write(b, off + done, n);
                } catch (IOException | RuntimeException e) {
                    storageFailed(e);
                    throw e;
                }
                done += n;
                bytes += n;
            }
        }

        /**
         * Storage refused or lost the bytes (not the client): the audit event, and the protocol reply that reads
         * the same reason, say so ({@code service_unavailable}, to retry), not that the client cut the transfer.
         */
        private void storageFailed(Exception e) {
            failure = WharfException.reasonIn(e, Reason.SERVICE_UNAVAILABLE);
        }

        /** {@code quota_exceeded} when {@code len} more bytes pass the allowance; the upload is discarded. */
        private void checkQuota(int len) {
            if (maxBody >= 0 && bytes + len > maxBody) {
                failure = Reason.QUOTA_EXCEEDED;
                abort();
                throw new WharfException(Reason.QUOTA_EXCEEDED, VirtualPaths.printable(path) + ": more than "
                        + maxBody + " bytes would pass the quota or the largest file allowed");
            }
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public void abort() {
            delegate.abort();
            if (!reported) {
                reported = true;
                audit.publish(audit.event(AuditType.UPLOAD_FAILED, session)
                        .reason(failure.code())
                        .data("path", path)
                        .data("bytes", bytes)
                        .data("offset", offset)
                        .data("durationMs", (System.nanoTime() - started) / 1_000_000));
            }
        }

        @Override
        public UploadResult commit() throws IOException {
            UploadResult r;
            try {
                r = delegate.commit();
            } catch (IOException | RuntimeException e) {
                abort();
                throw e;
            }
            if (!reported) {
                reported = true;
                session.countUpload(bytes);
                audit.publish(limited(audit.event(AuditType.UPLOAD, session)
                        .data("path", path)
                        .data("bytes", bytes)
                        .data("offset", offset)
                        .data("size", r.size())
                        .data("durationMs", (System.nanoTime() - started) / 1_000_000)
                        .data("sha256", r.sha256()), rate));
            }
            return r;
        }

        @Override
        public UploadResult result() {
            return delegate.result();
        }

        @Override
        public boolean aborted() {
            return delegate.aborted();
        }
    }
}
