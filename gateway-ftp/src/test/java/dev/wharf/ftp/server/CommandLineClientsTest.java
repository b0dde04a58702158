package dev.wharf.ftp.server;

import dev.wharf.ftp.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static dev.wharf.ftp.support.GatewayFixture.PASSWORD;
import static dev.wharf.ftp.support.GatewayFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The gateway against the Debian curl and lftp clients and Python ftplib, over explicit and implicit FTPS with
 * certificate checks, with TLS session reuse required as in production (every data connection resumes the control
 * connection's session). Skipped with a message when a client is not installed, unless CI=true (then it fails).
 */
class CommandLineClientsTest {
    private static GatewayFixture f;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        // as in production: every TLS data connection must resume the control connection's session
        f = new GatewayFixture(dev.wharf.ftp.support.TestFtpConfig.loopback().withTlsSessionReuse(true));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static void require(String tool) {
        boolean installed = List.of("/usr/bin/" + tool, "/usr/local/bin/" + tool).stream()
                .anyMatch(p -> Files.isExecutable(Path.of(p)));
        if (!installed) {
            String message = tool + " is not installed: apt-get install -y " + tool;
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }

    private record Result(int exit, String output) {
    }

    private Result run(List<String> cmd) throws IOException, InterruptedException {
        Path log = tmp.resolve("out-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + cmd + "\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    private byte[] randomFile(Path file, int size) throws IOException {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        Files.write(file, b);
        return b;
    }

    private List<String> curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--fail", "--max-time", "60",
                "--cacert", f.tls.certificate().toString(), "--user", "alice:" + PASSWORD));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void curlExplicitTlsUploadAndDownload() throws Exception {
        require("curl");
        byte[] content = randomFile(tmp.resolve("up.bin"), 150_000);
        String url = "ftp://127.0.0.1:" + f.explicitPort() + "/curl-explicit/";
        Result up = run(curl("--ssl-reqd", "--ftp-create-dirs", "-T", tmp.resolve("up.bin").toString(), url));
        assertEquals(0, up.exit(), up.output());
        assertArrayEquals(content, f.storage.content(TENANT, "/alice/curl-explicit/up.bin"));

        Result down = run(curl("--ssl-reqd", "-o", tmp.resolve("down.bin").toString(), url + "up.bin"));
        assertEquals(0, down.exit(), down.output());
        assertArrayEquals(content, Files.readAllBytes(tmp.resolve("down.bin")));

        Result list = run(curl("--ssl-reqd", "--list-only", url));
        assertEquals(0, list.exit(), list.output());
        assertEquals("up.bin", list.output().trim());
    }

    @Test
    void curlImplicitTlsUploadAndResumedDownload() throws Exception {
        require("curl");
        byte[] content = randomFile(tmp.resolve("imp.bin"), 80_000);
        String url = "ftps://127.0.0.1:" + f.implicitPort() + "/";
        Result up = run(curl("-T", tmp.resolve("imp.bin").toString(), url));
        assertEquals(0, up.exit(), up.output());
        assertArrayEquals(content, f.storage.content(TENANT, "/alice/imp.bin"));

        // a partial local copy, then --continue-at - asks the server for the rest (REST + RETR)
        Files.write(tmp.resolve("partial.bin"), java.util.Arrays.copyOf(content, 30_000));
        Result resume = run(curl("-C", "-", "-o", tmp.resolve("partial.bin").toString(), url + "imp.bin"));
        assertEquals(0, resume.exit(), resume.output());
        assertArrayEquals(content, Files.readAllBytes(tmp.resolve("partial.bin")));
    }

    @Test
    void curlOverTls12ResumesTheControlSessionToo() throws Exception {
        require("curl");
        byte[] content = randomFile(tmp.resolve("t12.bin"), 120_000);
        String url = "ftp://127.0.0.1:" + f.explicitPort() + "/curl-tls12/";
        Result up = run(curl("--ssl-reqd", "--tls-max", "1.2", "--ftp-create-dirs", "-T",
                tmp.resolve("t12.bin").toString(), url));
        assertEquals(0, up.exit(), up.output());
        assertArrayEquals(content, f.storage.content(TENANT, "/alice/curl-tls12/t12.bin"));
        Result down = run(curl("--ssl-reqd", "--tls-max", "1.2", "-o", tmp.resolve("t12-back.bin").toString(),
                url + "t12.bin"));
        assertEquals(0, down.exit(), down.output());
        assertArrayEquals(content, Files.readAllBytes(tmp.resolve("t12-back.bin")));
    }

    @Test
    void curlWithoutTlsIsToldTlsIsRequired() throws Exception {
        require("curl");
        Result r = run(List.of("curl", "--silent", "--show-error", "--max-time", "30", "--user", "alice:" + PASSWORD,
                "--verbose", "ftp://127.0.0.1:" + f.explicitPort() + "/"));
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("530 TLS is required"), r.output());
    }

    @Test
    void lftpMirrorsAFolderOverExplicitTls() throws Exception {
        require("lftp");
        Path src = Files.createDirectories(tmp.resolve("src"));
        byte[] a = randomFile(src.resolve("a.bin"), 70_000);
        byte[] b = randomFile(src.resolve("b.txt"), 1_000);
        Path back = tmp.resolve("back");
        String script = String.join("; ",
                "set ssl:ca-file " + f.tls.certificate(),
                "set ssl:verify-certificate yes",
                "set ftp:ssl-force yes",
                "set ftp:ssl-protect-data yes",
                "set ftp:passive-mode yes",
                "set net:max-retries 1",
                "set net:timeout 20",
                "set cmd:fail-exit yes",
                "open -u alice," + PASSWORD.replace(" ", "\\ ") + " -p " + f.explicitPort() + " ftp://127.0.0.1",
                "mirror -R " + src + " lftp-dir",
                "mv lftp-dir/b.txt lftp-dir/c.txt",
                "mirror lftp-dir " + back,
                "rm lftp-dir/a.bin",
                "bye");
        Result r = run(List.of("lftp", "-c", script));
        assertEquals(0, r.exit(), r.output());
        assertArrayEquals(a, Files.readAllBytes(back.resolve("a.bin")));
        assertArrayEquals(b, Files.readAllBytes(back.resolve("c.txt")));
        assertArrayEquals(b, f.storage.content(TENANT, "/alice/lftp-dir/c.txt"));
        assertFalse(f.storage.exists(TENANT, "/alice/lftp-dir/a.bin"));
        assertFalse(f.storage.exists(TENANT, "/alice/lftp-dir/b.txt"));
    }

    @Test
    void lftpReportsAWrongPassword() throws Exception {
        require("lftp");
        String script = String.join("; ",
                "set ssl:ca-file " + f.tls.certificate(),
                "set ftp:ssl-force yes",
                "set net:max-retries 1",
                "set net:timeout 20",
                "set cmd:fail-exit yes",
                "open -u alice,wrong -p " + f.explicitPort() + " ftp://127.0.0.1",
                "ls",
                "bye");
        Result r = run(List.of("lftp", "-c", script));
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("Login incorrect"), r.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"explicit", "implicit"})
    void pythonFtplibUploadsDownloadsAndResumes(String mode) throws Exception {
        require("python3");
        Path script = tmp.resolve("ftplib_client.py");
        try (var in = CommandLineClientsTest.class.getResourceAsStream("/ftplib_client.py")) {
            Files.copy(in, script);
        }
        int port = "implicit".equals(mode) ? f.implicitPort() : f.explicitPort();
        Result r = run(List.of("/usr/bin/python3", script.toString(), mode, String.valueOf(port),
                f.tls.certificate().toString(), "alice", PASSWORD, tmp.toString()));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("resumed upload from") && r.output().contains("ok"), r.output());
        byte[] expected = Files.readAllBytes(tmp.resolve("expected.bin"));
        assertArrayEquals(expected, f.storage.content(TENANT, "/alice/py2.bin"));
    }

    /** ftplib as shipped wraps data sockets without session=: it never resumes, and is told why. */
    @Test
    void stockPythonFtplibIsToldTlsSessionReuseIsRequired() throws Exception {
        require("python3");
        Path script = tmp.resolve("ftplib_client.py");
        try (var in = CommandLineClientsTest.class.getResourceAsStream("/ftplib_client.py")) {
            Files.copy(in, script);
        }
        Result r = run(List.of("/usr/bin/python3", script.toString(), "explicit", String.valueOf(f.explicitPort()),
                f.tls.certificate().toString(), "alice", PASSWORD, tmp.toString(), "stock"));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("stock upload refused: 425 TLS session reuse required"), r.output());
        assertFalse(f.storage.exists(TENANT, "/alice/stock.bin"));
    }
}
