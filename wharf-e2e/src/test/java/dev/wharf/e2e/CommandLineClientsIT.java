package dev.wharf.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.wharf.e2e.AuditLog.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's promise, with the Debian command-line clients a person would use: curl, lftp, OpenSSH sftp. */
class CommandLineClientsIT {
    private final E2ePlatform platform = E2ePlatform.get();

    @TempDir
    Path dir;

    @Test
    void curlListsTheHomeFolderOverExplicitFtps() throws Exception {
        Cli.require("curl");
        String name = "curl-" + UUID.randomUUID() + ".txt";
        Path src = dir.resolve(name);
        Files.writeString(src, "hello from curl\n");
        String base = "ftp://127.0.0.1:" + platform.ftpExplicitPort() + "/";
        Cli.run(dir, List.of("curl", "-sS", "-k", "--ssl-reqd", "--user", "demo:" + platform.demoPassword(),
                "-T", src.toString(), base + name));
        String listing = Cli.run(dir, List.of("curl", "-sS", "-k", "--ssl-reqd", "--user",
                "demo:" + platform.demoPassword(), base));
        assertTrue(listing.contains(name), listing);
        String back = Cli.run(dir, List.of("curl", "-sS", "-k", "--ssl-reqd", "--user",
                "demo:" + platform.demoPassword(), base + name));
        assertTrue(back.equals("hello from curl\n"), back);
        Cli.run(dir, List.of("curl", "-sS", "-k", "--ssl-reqd", "--user", "demo:" + platform.demoPassword(),
                base, "-Q", "DELE " + name));
    }

    /**
     * Active mode (curl {@code --ftp-port}, EPRT to the client's own address) with the operator's switch on (this
     * platform turns it on): refused with its reason for a tenant that has not turned it on, working for one that has.
     */
    @Test
    void curlActiveModeFollowsTheTenantsSiteSetting() throws Exception {
        Cli.require("curl");
        String password = "Active-" + UUID.randomUUID();
        AdminApi admin = platform.admin();
        admin.tenant("cl-active-off", null);
        admin.tenant("cl-active-on", "{\"activeFtpAllowed\":true}");
        admin.user("cl-active-off", "alice", password, null);
        admin.user("cl-active-on", "alice", password, null);
        Path src = dir.resolve("active.txt");
        Files.writeString(src, "sent over an active data connection\n");
        String url = "ftp://127.0.0.1:" + platform.ftpExplicitPort() + "/active.txt";

        AssertionError refused = assertThrows(AssertionError.class, () -> Cli.run(dir, List.of("curl", "-sS", "-v",
                "-k", "--ssl-reqd", "--ftp-port", "127.0.0.1", "--user", "alice@cl-active-off.localhost:" + password,
                "-T", src.toString(), url)));
        assertTrue(refused.getMessage().contains("502 " + dev.wharf.core.Reason.ACTIVE_MODE_DISABLED.userMessage()),
                refused.getMessage());
        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60), of("dev.wharf.policy.denied",
                    Map.of("tenant", "cl-active-off", "reason", "active_mode_disabled")));
        }

        List<String> on = List.of("curl", "-sS", "-k", "--ssl-reqd", "--ftp-port", "127.0.0.1", "--user",
                "alice@cl-active-on.localhost:" + password);
        Cli.run(dir, concat(on, List.of("-T", src.toString(), url)));
        assertEquals(Files.readString(src), Cli.run(dir, concat(on, List.of(url))), "uploaded and read back");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void lftpPutsAndGetsOverExplicitFtps() throws Exception {
        Cli.require("lftp");
        byte[] content = E2ePlatform.randomBytes(1_500_000);
        Path src = dir.resolve("src.bin");
        Files.write(src, content);
        String name = "lftp-" + UUID.randomUUID() + ".bin";
        Path back = dir.resolve("back.bin");
        Cli.run(dir, List.of("lftp", "-c", "set ssl:verify-certificate no; set ftp:ssl-force true; "
                + "set ftp:ssl-protect-data true; set net:max-retries 1; set net:timeout 20; "
                + "open -u demo," + platform.demoPassword() + " -p " + platform.ftpExplicitPort() + " 127.0.0.1; "
                + "put " + src + " -o " + name + "; get " + name + " -o " + back + "; rm " + name));
        assertArrayEquals(content, Files.readAllBytes(back));
    }

    @Test
    void opensshSftpPutsAndGetsWithAPassword() throws Exception {
        Cli.require("sftp");
        Cli.require("sshpass");
        byte[] content = E2ePlatform.randomBytes(1_500_000);
        Path src = dir.resolve("src.bin");
        Files.write(src, content);
        String name = "openssh-" + UUID.randomUUID() + ".bin";
        Path back = dir.resolve("back.bin");
        Path batch = dir.resolve("batch");
        Files.writeString(batch, "put " + src + " " + name + "\nget " + name + " " + back + "\nrm " + name + "\n");
        Cli.run(dir, List.of("sshpass", "-e", "sftp", "-oStrictHostKeyChecking=no",
                "-oUserKnownHostsFile=/dev/null", "-oBatchMode=no", "-oPubkeyAuthentication=no",
                "-P", String.valueOf(platform.sftpPort()), "-b", batch.toString(), "demo@127.0.0.1"),
                java.util.Map.of("SSHPASS", platform.demoPassword()));
        assertArrayEquals(content, Files.readAllBytes(back));
    }
}
