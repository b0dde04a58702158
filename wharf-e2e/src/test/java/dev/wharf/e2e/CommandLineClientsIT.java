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
     * Active mode with the operator's switch on (this platform turns it on): curl's {@code --ftp-port} (EPRT to the
     * client's own address) is refused with its reason for a tenant that has not turned it on; lftp with passive mode
     * off puts and gets for one that has. (curl 7.88 of Debian 12 cannot transfer over active FTPS: it lost the TLS
     * layer of active data connections, curl issue 10666, fixed in 8.0; the gateway sees plain text where the
     * handshake should be.)
     */
    @Test
    void activeModeFollowsTheTenantsSiteSetting() throws Exception {
        Cli.require("curl");
        Cli.require("lftp");
        String password = "Active-" + UUID.randomUUID();
        AdminApi admin = platform.admin();
        admin.tenant("cl-active-off", null);
        admin.tenant("cl-active-on", "{\"activeFtpAllowed\":true}");
        admin.user("cl-active-off", "alice", password, null);
        admin.user("cl-active-on", "alice", password, null);
        Path src = dir.resolve("active.txt");
        Files.writeString(src, "sent over an active data connection\n");

        AssertionError refused = assertThrows(AssertionError.class, () -> Cli.run(dir, List.of("curl", "-sS", "-v",
                "-k", "--ssl-reqd", "--ftp-port", "127.0.0.1", "--user", "alice@cl-active-off.localhost:" + password,
                "-T", src.toString(), "ftp://127.0.0.1:" + platform.ftpExplicitPort() + "/active.txt")));
        assertTrue(refused.getMessage().contains("502 " + dev.wharf.core.Reason.ACTIVE_MODE_DISABLED.userMessage()),
                refused.getMessage());
        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60), of("dev.wharf.policy.denied",
                    Map.of("tenant", "cl-active-off", "reason", "active_mode_disabled")));
        }

        Path back = dir.resolve("back.txt");
        Cli.run(dir, List.of("lftp", "-c", "set ssl:verify-certificate no; set ftp:ssl-force true; "
                + "set ftp:ssl-protect-data true; set ftp:passive-mode off; set ftp:auto-passive-mode no; "
                + "set net:max-retries 1; set net:timeout 20; open -u alice@cl-active-on.localhost," + password + " -p "
                + platform.ftpExplicitPort() + " 127.0.0.1; put " + src + " -o active.txt; get active.txt -o " + back));
        assertEquals(Files.readString(src), Files.readString(back), "put and got back over active data connections");
        try (AuditLog audit = platform.auditLog()) {
            audit.awaitAll(Duration.ofSeconds(60), of("dev.wharf.file.uploaded",
                    Map.of("tenant", "cl-active-on", "path", "/active.txt")));
        }
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
