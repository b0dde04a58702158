package dev.wharf.sftp.auth;

import dev.wharf.core.Reason;
import dev.wharf.core.audit.AuditType;
import dev.wharf.sftp.testing.GatewayFixture;
import dev.wharf.sftp.testing.MinaClient;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.client.SftpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static dev.wharf.sftp.testing.GatewayFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * API-key logins (user {@code @api-<key id or name>}, the key's secret as password) with the MINA SSHD client
 * against in-memory identity: the session is the key owner's, and a host-qualified name picks the tenant as it does
 * for users and for FTP ({@code TenantResolver} splits at the last {@code @}).
 */
class ApiKeyLoginTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SECRET = "wk_9f8e7d6c5b4a";

    @TempDir
    static Path keys;
    static GatewayFixture fx;
    static MinaClient mina;

    @BeforeAll
    static void start() throws IOException {
        fx = new GatewayFixture(keys);
        fx.identity.addApiKey(TENANT, "ci-upload", SECRET, "alice");
        fx.identity.addUser("acme", "carol", "irrelevant", "/carol");
        fx.storage.folder("acme", "/carol");
        fx.identity.addApiKey("acme", "deploy", SECRET, "carol");
        mina = new MinaClient();
    }

    @AfterAll
    static void stop() {
        mina.close();
        fx.close();
    }

    private static void upload(String user, String path, String text) throws IOException {
        try (SftpClient sftp = mina.sftp(fx.port(), user, SECRET); OutputStream out = sftp.write(path)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void anApiKeyLogsInAsItsOwner() throws IOException {
        upload("@api-ci-upload", "/report.csv", "a,b\n");
        assertArrayEquals("a,b\n".getBytes(StandardCharsets.UTF_8), fx.storage.content(TENANT, "/alice/report.csv"));
        assertTrue(fx.audit.await(AuditType.LOGIN_SUCCEEDED,
                e -> TENANT.equals(e.tenant()) && "alice".equals(e.user()), WAIT).isPresent(), () -> "" + fx.audit.events());
    }

    @Test
    void aHostQualifiedApiKeyNamesItsTenant() throws IOException {
        upload("@api-deploy@acme.files.example.test", "/release.txt", "v2");
        assertArrayEquals("v2".getBytes(StandardCharsets.UTF_8), fx.storage.content("acme", "/carol/release.txt"));
        assertTrue(fx.audit.await(AuditType.LOGIN_SUCCEEDED,
                e -> "acme".equals(e.tenant()) && "carol".equals(e.user()), WAIT).isPresent(), () -> "" + fx.audit.events());
    }

    @Test
    void anUnqualifiedKeyOfAnotherTenantIsRefused() {
        // without the host name the default tenant (demo) is asked, which has no key "deploy"
        assertThrows(SshException.class, () -> mina.login(fx.port(), "@api-deploy", SECRET).close(true));
        assertTrue(fx.audit.await(AuditType.LOGIN_FAILED, e -> "@api-deploy".equals(e.user())
                && TENANT.equals(e.tenant()) && Reason.BAD_CREDENTIALS.code().equals(e.reason()), WAIT).isPresent());
    }

    @Test
    void anExpiredKeyIsExplainedInABanner() throws IOException {
        fx.identity.refuseAfterPassword(TENANT, "@api-old", SECRET, Reason.KEY_EXPIRED);
        try (MinaClient own = new MinaClient()) {
            assertThrows(SshException.class, () -> own.login(fx.port(), "@api-old", SECRET).close(true));
            assertTrue(own.banners.stream().anyMatch(b -> b.contains("key_expired")
                    && b.contains(Reason.KEY_EXPIRED.userMessage())), () -> "banners: " + own.banners);
        }
        assertTrue(fx.audit.await(AuditType.LOGIN_FAILED, e -> "@api-old".equals(e.user())
                && Reason.KEY_EXPIRED.code().equals(e.reason()), WAIT).isPresent(), () -> "" + fx.audit.events());
    }

    @Test
    void aWrongSecretIsABadCredential() {
        assertThrows(SshException.class, () -> mina.login(fx.port(), "@api-ci-upload", "wk_wrong").close(true));
        assertTrue(fx.audit.await(AuditType.LOGIN_FAILED, e -> "@api-ci-upload".equals(e.user())
                && Reason.BAD_CREDENTIALS.code().equals(e.reason()), WAIT).isPresent());
        assertEquals(0, fx.storage.paths(TENANT).stream().filter(p -> p.contains("wk_")).count());
    }
}
