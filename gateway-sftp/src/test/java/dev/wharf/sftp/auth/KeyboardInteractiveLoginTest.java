package dev.wharf.sftp.auth;

import dev.wharf.core.Reason;
import dev.wharf.core.audit.AuditType;
import dev.wharf.sftp.testing.GatewayFixture;
import dev.wharf.sftp.testing.MinaClient;
import org.apache.sshd.common.SshException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.wharf.sftp.testing.GatewayFixture.PASSWORD;
import static dev.wharf.sftp.testing.GatewayFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keyboard-interactive logins with the MINA SSHD client, with and without a second factor. */
class KeyboardInteractiveLoginTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CODE = "123456";

    @TempDir
    static Path keys;
    static GatewayFixture fx;

    @BeforeAll
    static void start() throws IOException {
        fx = new GatewayFixture(keys);
        fx.identity.addUser(TENANT, "olga", PASSWORD, "/olga");
        fx.storage.folder(TENANT, "/olga");
        fx.identity.requireCode(TENANT, "olga", CODE);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    /** Answers the password prompt, and the code prompt with {@code code}. */
    private static String[] answer(List<String> prompts, String password, String code) {
        return prompts.stream().map(p -> p.startsWith("Verification code") ? code : password).toArray(String[]::new);
    }

    @Test
    void aUserWithoutTwoFactorIsAskedOnlyForThePassword() throws Exception {
        List<List<String>> rounds = new CopyOnWriteArrayList<>();
        try (MinaClient mina = new MinaClient()) {
            mina.loginInteractive(fx.port(), "alice", rounds, p -> answer(p, PASSWORD, null)).close(true);
        }
        assertEquals(List.of(List.of(KeyboardInteractiveLogin.PASSWORD_PROMPT)), rounds);
        assertTrue(fx.audit.await(AuditType.LOGIN_SUCCEEDED, e -> "alice".equals(e.user()), WAIT).isPresent());
    }

    @Test
    void aTwoFactorUserIsAskedForTheCodeSeparately() throws Exception {
        List<List<String>> rounds = new CopyOnWriteArrayList<>();
        try (MinaClient mina = new MinaClient()) {
            mina.loginInteractive(fx.port(), "olga", rounds, p -> answer(p, PASSWORD, CODE)).close(true);
            assertTrue(mina.banners.stream().anyMatch(b -> b.contains("second_factor_required")), () -> "" + mina.banners);
        }
        assertEquals(List.of(List.of(KeyboardInteractiveLogin.PASSWORD_PROMPT),
                List.of(KeyboardInteractiveLogin.PASSWORD_PROMPT, KeyboardInteractiveLogin.CODE_PROMPT)), rounds);
        assertTrue(fx.audit.await(AuditType.LOGIN_SUCCEEDED, e -> "olga".equals(e.user()), WAIT).isPresent());
    }

    @Test
    void theFirstRoundOfATwoFactorLoginIsNoFailedLogin() throws Exception {
        fx.identity.addUser(TENANT, "tess", PASSWORD, "/tess");
        fx.storage.folder(TENANT, "/tess");
        fx.identity.requireCode(TENANT, "tess", CODE);
        for (int i = 0; i < 3; i++) {
            try (MinaClient mina = new MinaClient()) {
                mina.loginInteractive(fx.port(), "tess", new CopyOnWriteArrayList<>(), p -> answer(p, PASSWORD, CODE))
                        .close(true);
            }
        }
        // second_factor_required comes only after the right password (issue 11): never a guess for the defender
        assertEquals(List.of(), fx.policy.reportedFailures().stream().filter(f -> f.contains("/tess@")).toList());
        assertTrue(fx.audit.await(AuditType.LOGIN_FAILED, e -> "tess".equals(e.user())
                && Reason.SECOND_FACTOR_REQUIRED.code().equals(e.reason()), WAIT).isPresent(), "but audited");
    }

    @Test
    void aWrongCodeIsRefused() {
        List<List<String>> rounds = new CopyOnWriteArrayList<>();
        try (MinaClient mina = new MinaClient()) {
            assertThrows(SshException.class,
                    () -> mina.loginInteractive(fx.port(), "olga", rounds, p -> answer(p, PASSWORD, "999999")));
        }
        assertTrue(rounds.size() >= 2, () -> "asked for the code after the password: " + rounds);
        assertTrue(fx.audit.await(AuditType.LOGIN_FAILED,
                e -> "olga".equals(e.user()) && Reason.BAD_CREDENTIALS.code().equals(e.reason()), WAIT).isPresent());
    }

    @Test
    void passwordOnlyClientsAppendTheCodeToThePassword() throws Exception {
        try (MinaClient mina = new MinaClient()) {
            mina.login(fx.port(), "olga", PASSWORD + CODE).close(true);
            assertThrows(SshException.class, () -> mina.login(fx.port(), "olga", PASSWORD));
            assertTrue(mina.banners.stream().anyMatch(b -> b.contains("second_factor_required")), () -> "" + mina.banners);
        }
    }

    @Test
    void paramikoAnswersThePasswordThenBothPrompts() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean havePython = Files.isExecutable(python)
                && new ProcessBuilder(python.toString(), "-c", "import paramiko").start().waitFor() == 0;
        if (!havePython) {
            if (ci) {
                throw new AssertionError("python3 with paramiko missing (apt-get install -y python3-paramiko)");
            }
            Assumptions.abort("python3 with paramiko missing (apt-get install -y python3-paramiko)");
        }
        Path script = Path.of("src/test/resources/clients/paramiko_kbdint.py").toAbsolutePath();
        Process p = new ProcessBuilder(python.toString(), script.toString(), String.valueOf(fx.port()), "olga",
                PASSWORD, CODE).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "paramiko did not finish within 60 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("paramiko: " + out); // the negotiated cipher, for the compatibility notes
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("prompts: Password: \nrefused"), out);
        assertTrue(out.contains("prompts: Password:  | Verification code: "), out);
        assertTrue(out.contains("\nok "), out);
    }
}
