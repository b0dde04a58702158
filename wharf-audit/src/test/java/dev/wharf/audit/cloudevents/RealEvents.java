package dev.wharf.audit.cloudevents;

import dev.wharf.core.grant.SessionGrant;
import dev.wharf.core.Reason;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.audit.AuditType;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.files.FileOperations;
import dev.wharf.core.identity.Principal;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.Protocol;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.core.storage.Upload;
import dev.wharf.core.storage.UploadResult;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Audit events as the core's own code emits them (SessionAudit, FileOperations), so that the schema test checks
 * what the gateways really publish rather than hand-made samples.
 */
final class RealEvents {
    private RealEvents() {
    }

    static List<AuditEvent> all() throws IOException {
        List<AuditEvent> events = new ArrayList<>();
        AuditSink capture = events::add;
        SessionAudit audit = new SessionAudit(capture);

        GatewaySession refused = new GatewaySession("/gateway-ftp", Protocol.FTP, "192.0.2.10", 50123);
        audit.opened(refused);
        audit.policyDenied(refused, null, Reason.ADDRESS_BANNED, "connect");
        audit.loginFailed(refused, "nobody", Reason.UNKNOWN_TENANT);
        audit.closed(refused);

        GatewaySession s = new GatewaySession("/gateway-sftp", Protocol.SFTP, "2001:db8::42", 61000);
        audit.opened(s);
        s.tenant("acme");
        audit.policyDenied(s, "alice", Reason.COUNTRY_NOT_ALLOWED, "login");
        audit.loginFailed(s, "alice", Reason.SECOND_FACTOR_INVALID);
        s.login(new Principal("acme", "alice", "u-1", List.of("ops"), "/alice", List.of("sftp"), List.of()));
        audit.loginSucceeded(s);

        FileOperations files = new FileOperations(s, new MemoryStorage(), audit);
        files.mkdir("/in");
        try (Upload u = files.openWrite("/in/report.csv", 0, false)) {
            u.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        }
        Upload failed = files.openWrite("/in/broken.bin", 0, false);
        failed.write(new byte[10]);
        failed.abort();
        try (InputStream in = files.openRead("/in/report.csv", 0)) {
            in.readAllBytes();
        }
        try {
            files.openRead("/in/unreachable.bin", 0); // storage-service away: download_failed
        } catch (dev.wharf.core.WharfException expected) {
            // the refusal's event is the sample
        }
        files.rename("/in/report.csv", "/in/report-1.csv");
        files.delete("/in/report-1.csv");
        files.rmdir("/in");
        audit.closed(s);

        // a drop-box user refused a download by a group's folder rule
        GatewaySession partner = new GatewaySession("/gateway-ftp", Protocol.FTPS, "198.51.100.7", 40001);
        partner.tenant("acme");
        partner.login(new Principal("acme", "partner", "u-2", List.of("partners"), "/partner", List.of(), List.of()),
                new dev.wharf.core.grant.SessionGrant("acme", new dev.wharf.core.grant.IssuedGrant("t",
                        java.time.Instant.now().plusSeconds(600), dev.wharf.core.access.AccessRules.of(List.of(
                        dev.wharf.core.access.AccessRule.parse("upload-only /inbox", "partners")))), null));
        try {
            new FileOperations(partner, new MemoryStorage(), audit).openRead("/inbox/x.csv", 0);
        } catch (dev.wharf.core.WharfException expected) {
            // the refusal's event is the sample
        }

        // the shape identity-service publishes (TenantService.adminChange), plus the optional fields
        events.add(AuditEvent.builder(AuditType.ADMIN_CHANGE, "/identity-service").tenant("acme").user("admin")
                .reason(Reason.OK.code()).data("action", "tenant.created").data("actor", "admin").build());
        events.add(AuditEvent.builder(AuditType.ADMIN_CHANGE, "/identity-service").tenant("acme").user("admin")
                .protocol("http").clientAddress("127.0.0.1").data("action", "user.created").data("actor", "admin")
                .data("target", "alice").data("details", Map.of("home", "/alice", "passwordGenerated", true)).build());
        // the shape the services publish for a refused internal call (AccessRefusals)
        new dev.wharf.audit.access.AccessRefusals(events::add, "storage-service").refused(
                new dev.wharf.audit.access.AccessRefusals.Refusal("10.0.3.7", "GET", "/v1/tenants/acme/list",
                        Reason.PERMISSION_DENIED, "outside the grant's home", "acme", "alice", "s-1"));
        new dev.wharf.audit.access.AccessRefusals(events::add, "identity-service").refused(
                new dev.wharf.audit.access.AccessRefusals.Refusal("10.0.3.8", "POST", "/v1/authenticate",
                        Reason.UNAUTHENTICATED_CALLER, "no bearer token", null, null, null));
        return events;
    }

    /** Just enough storage for FileOperations to run: files and folders in a map. */
    private static final class MemoryStorage implements StoragePort {
        private final Map<String, byte[]> files = new ConcurrentHashMap<>();
        private final Map<String, Boolean> folders = new ConcurrentHashMap<>();

        @Override
        public FileInfo stat(SessionGrant grant, String path) {
            byte[] b = files.get(path);
            return b == null ? new FileInfo(name(path), path, true, 0, Instant.now(), null)
                    : new FileInfo(name(path), path, false, b.length, Instant.now(), sha256(b));
        }

        @Override
        public List<FileInfo> list(SessionGrant grant, String directory) {
            return List.of();
        }

        @Override
        public InputStream openRead(SessionGrant grant, String path, long offset) {
            if (path.endsWith("/unreachable.bin")) {
                throw new dev.wharf.core.WharfException(Reason.SERVICE_UNAVAILABLE, "storage-service cannot be reached");
            }
            return new ByteArrayInputStream(files.get(path));
        }

        @Override
        public Upload openWrite(SessionGrant grant, String path, long offset, boolean append) {
            return new Upload() {
                private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
                private UploadResult result;
                private boolean aborted;

                @Override
                public void write(int b) {
                    buf.write(b);
                }

                @Override
                public void abort() {
                    aborted = true;
                }

                @Override
                public UploadResult commit() {
                    files.put(path, buf.toByteArray());
                    result = new UploadResult(path, buf.size(), sha256(buf.toByteArray()));
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
            };
        }

        @Override
        public void delete(SessionGrant grant, String path) {
            files.remove(path);
        }

        @Override
        public void mkdir(SessionGrant grant, String path) {
            folders.put(path, true);
        }

        @Override
        public void rmdir(SessionGrant grant, String path) {
            folders.remove(path);
        }

        @Override
        public void rename(SessionGrant grant, String from, String to) {
            files.put(to, files.remove(from));
        }

        @Override
        public void setModified(SessionGrant grant, String path, Instant modified) {
        }

        private static String name(String path) {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        private static String sha256(byte[] b) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
