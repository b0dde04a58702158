package dev.wharf.sftp.auth;

import dev.wharf.core.Reason;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.sftp.testing.GatewayFixture;
import dev.wharf.sftp.testing.MinaClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;

import static dev.wharf.sftp.testing.GatewayFixture.PASSWORD;
import static dev.wharf.sftp.testing.GatewayFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Public-key logins with the MINA SSHD client against keys held by (in-memory) identity-service. */
class PublicKeyLoginTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path keys;
    static GatewayFixture fx;
    static MinaClient mina;

    @BeforeAll
    static void start() throws IOException {
        fx = new GatewayFixture(keys);
        mina = new MinaClient();
    }

    @AfterAll
    static void stop() {
        mina.close();
        fx.close();
    }

    private static KeyPair key(String type, int bits) throws GeneralSecurityException {
        return KeyUtils.generateKeyPair(type, bits);
    }

    @ParameterizedTest
    @CsvSource({"ssh-ed25519,256,erin", "ecdsa-sha2-nistp256,256,frank", "ssh-rsa,3072,grace"})
    void aRegisteredKeyLogsInAndServesTheHomeFolder(String type, int bits, String user) throws Exception {
        KeyPair kp = key(type, bits);
        fx.identity.addUser(TENANT, user, "unused-" + user, "/" + user);
        fx.storage.folder(TENANT, "/" + user);
        String line = PublicKeyEntry.toString(kp.getPublic());
        fx.identity.addKey(TENANT, user, line + " " + user + "@laptop");

        ClientSession session = mina.loginWithKey(fx.port(), user, kp);
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session).singleSessionInstance()) {
            assertEquals("/", sftp.canonicalPath("."));
            try (OutputStream out = sftp.write("/hello.txt")) {
                out.write("hi".getBytes(StandardCharsets.UTF_8));
            }
            try (InputStream in = sftp.read("/hello.txt")) {
                assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
            }
        }
        AuditEvent ok = fx.audit.await(AuditType.LOGIN_SUCCEEDED, e -> user.equals(e.user()), WAIT).orElseThrow();
        assertEquals("sftp", ok.protocol());
        assertTrue(fx.identity.keysAsked.contains(line), () -> "identity asked for " + fx.identity.keysAsked);
    }

    @Test
    void anUnknownKeyIsRefusedAuditedAndNotReportedAsAGuess() throws Exception {
        KeyPair stranger = key("ssh-ed25519", 256);
        int reportedBefore = fx.policy.reportedFailures().size();
        try (MinaClient own = new MinaClient()) {
            assertThrows(SshException.class, () -> own.loginWithKey(fx.port(), "alice", stranger));
            assertTrue(own.banners.isEmpty(), () -> "no banner for a key that is not on file: " + own.banners);
        }
        assertTrue(fx.audit.await(AuditType.LOGIN_FAILED,
                e -> "alice".equals(e.user()) && Reason.BAD_CREDENTIALS.code().equals(e.reason()), WAIT).isPresent());
        assertEquals(reportedBefore, fx.policy.reportedFailures().size(),
                "clients offer every key they hold: a key not on file is no password guess");
    }

    @Test
    void identityIsOnlyAskedAfterTheClientProvedItHoldsTheKey() throws Exception {
        KeyPair kp = key("ssh-ed25519", 256);
        fx.identity.addUser(TENANT, "heidi", PASSWORD, "/heidi");
        fx.storage.folder(TENANT, "/heidi");
        String line = PublicKeyEntry.toString(kp.getPublic());
        fx.identity.addKey(TENANT, "heidi", line);
        mina.loginWithKey(fx.port(), "heidi", kp).close(true);
        // the MINA client first asks "would you accept this key?" (no signature), then signs: one identity call
        assertEquals(1, fx.identity.keysAsked.stream().filter(line::equals).count(), () -> "" + fx.identity.keysAsked);
    }

    @Test
    void policyRefusalAfterAKeyLoginIsExplainedInABanner() throws Exception {
        KeyPair kp = key("ssh-ed25519", 256);
        fx.identity.addUser(TENANT, "ivan", PASSWORD, "/ivan");
        fx.identity.addKey(TENANT, "ivan", PublicKeyEntry.toString(kp.getPublic()));
        fx.policy.refuseLogin("ivan", Reason.ADDRESS_NOT_ALLOWED);
        try (MinaClient own = new MinaClient()) {
            assertThrows(SshException.class, () -> own.loginWithKey(fx.port(), "ivan", kp));
            assertTrue(own.banners.stream().anyMatch(b -> b.contains("address_not_allowed")), () -> "" + own.banners);
        }
        assertTrue(fx.audit.await(AuditType.POLICY_DENIED,
                e -> "ivan".equals(e.user()) && "address_not_allowed".equals(e.reason()), WAIT).isPresent());
    }

    @Test
    void aDisabledAccountIsRefusedWithItsReason() throws Exception {
        KeyPair kp = key("ssh-ed25519", 256);
        fx.identity.refuseAfterPassword(TENANT, "judy", PASSWORD, Reason.ACCOUNT_DISABLED);
        fx.identity.addKey(TENANT, "judy", PublicKeyEntry.toString(kp.getPublic()));
        try (MinaClient own = new MinaClient()) {
            assertThrows(SshException.class, () -> own.loginWithKey(fx.port(), "judy", kp));
            assertTrue(own.banners.stream().anyMatch(b -> b.contains("account_disabled")), () -> "" + own.banners);
        }
    }

    @Test
    void aKeysOnlyUserIsToldPasswordLoginIsOffAndLogsInWithTheKey() throws Exception {
        KeyPair kp = key("ssh-ed25519", 256);
        fx.identity.addKeysOnlyUser(TENANT, "kim", "/kim");
        fx.storage.folder(TENANT, "/kim");
        fx.identity.addKey(TENANT, "kim", PublicKeyEntry.toString(kp.getPublic()));
        try (MinaClient own = new MinaClient()) {
            assertThrows(SshException.class, () -> own.login(fx.port(), "kim", "any password"));
            assertTrue(own.banners.stream().anyMatch(b -> b.contains("password_login_not_allowed")
                    && b.contains(Reason.PASSWORD_LOGIN_NOT_ALLOWED.userMessage())), () -> "banners: " + own.banners);
            assertThrows(SshException.class, () -> own.loginInteractive(fx.port(), "kim", new java.util.ArrayList<>(),
                    prompts -> new String[]{"any password"}));
        }
        assertTrue(fx.audit.await(AuditType.LOGIN_FAILED,
                e -> "kim".equals(e.user()) && "password_login_not_allowed".equals(e.reason()), WAIT).isPresent());
        mina.loginWithKey(fx.port(), "kim", kp).close(true);
        assertTrue(fx.audit.await(AuditType.LOGIN_SUCCEEDED, e -> "kim".equals(e.user()), WAIT).isPresent());
    }
}
