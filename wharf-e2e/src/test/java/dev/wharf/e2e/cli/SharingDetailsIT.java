package dev.wharf.e2e.cli;

import dev.wharf.e2e.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: a new user logs in with exactly what {@code wharf share} printed, over SFTP (paramiko, on both SFTP
 * ports) and FTPS (curl), in a tenant that is not the platform's default one, and finds an empty home folder.
 */
class SharingDetailsIT {
    private static final WharfCommand WHARF = WharfCommand.operator();
    private static final Pattern FIELD = Pattern.compile("^  (host|port|user name):\\s+(\\S+)$", Pattern.MULTILINE);
    private static String tenant;
    private static String password;

    @TempDir
    Path dir;

    @BeforeAll
    static void tenantAndUser() {
        tenant = CliOperatorIT.newTenantId();
        WHARF.run("tenant", "create", tenant).ok();
        String created = WHARF.with("WHARF_TENANT", tenant).run("user", "create", "carol").ok();
        Matcher m = Pattern.compile("generated password \\(shown once, hand it over now\\): (\\S+)").matcher(created);
        assertTrue(m.find(), created);
        password = m.group(1);
    }

    @AfterAll
    static void dropTenant() {
        if (tenant != null) {
            WHARF.run("tenant", "delete", tenant, "--yes");
        }
    }

    /** The fields printed under "Connect with {@code label}:", and the hand-over text joined into one line. */
    private static Map<String, String> printed(String label) {
        String out = WHARF.with("WHARF_TENANT", tenant).run("share", "carol").ok();
        int start = out.indexOf("Connect with " + label + ":");
        assertTrue(start >= 0, out);
        int end = out.indexOf("\nConnect with ", start + 1);
        String block = out.substring(start, end < 0 ? out.length() : end);
        Map<String, String> fields = new HashMap<>();
        Matcher m = FIELD.matcher(block);
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        fields.put("text", block.replaceAll("\\s+", " "));
        assertEquals(3, fields.size() - 1, block);
        return fields;
    }

    private String paramiko(String host, String port, String user, String secret) throws Exception {
        // Debian's python3-paramiko: another python3 earlier on PATH (pyenv) may lack it
        assertTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "apt-get install python3-paramiko");
        return Cli.run(dir, List.of("/usr/bin/python3", script().toString(), host, port, user),
                Map.of("WHARF_E2E_PASSWORD", secret));
    }

    private static Path script() throws URISyntaxException {
        return Path.of(SharingDetailsIT.class.getResource("/clients/paramiko_first_session.py").toURI());
    }

    @Test
    void sftpWithWhatWasPrintedOnBothPortsStartingInAnEmptyHome() throws Exception {
        Map<String, String> sftp = printed("SFTP");
        assertEquals("127.0.0.1", sftp.get("host"), "a host every client resolves");
        assertEquals("carol@" + tenant + ".localhost", sftp.get("user name"), "SSH carries no host name");
        String out = paramiko(sftp.get("host"), sftp.get("port"), sftp.get("user name"), password);
        assertEquals("listing: []\nlisting: ['first.txt']\n", out, "the first session finds an empty home");

        Matcher alternate = Pattern.compile("or port (\\d+) where a firewall blocks port").matcher(sftp.get("text"));
        assertTrue(alternate.find(), sftp.get("text"));
        String again = paramiko(sftp.get("host"), alternate.group(1), sftp.get("user name"), password);
        assertTrue(again.startsWith("listing: ['first.txt']"), again);
    }

    @Test
    void ftpsWithWhatWasPrinted() throws Exception {
        Cli.require("curl");
        for (String label : List.of("FTPS (explicit TLS, AUTH TLS)", "FTPS (implicit TLS)")) {
            Map<String, String> ftps = printed(label);
            String scheme = label.contains("implicit") ? "ftps" : "ftp";
            String base = scheme + "://" + ftps.get("host") + ":" + ftps.get("port") + "/";
            Path src = dir.resolve("src.txt");
            Files.writeString(src, label);
            String name = scheme + ".txt";
            Cli.run(dir, List.of("curl", "-sS", "-k", "--ssl-reqd", "--user", ftps.get("user name") + ":" + password,
                    "-T", src.toString(), base + name), Map.of());
            String back = Cli.run(dir, List.of("curl", "-sS", "-k", "--ssl-reqd", "--user",
                    ftps.get("user name") + ":" + password, base + name), Map.of());
            assertEquals(label, back);
        }
    }

    @Test
    void anSftpLoginWithoutItsSiteIsToldHowToNameItWhetherTheUserExistsOrNot() throws Exception {
        Map<String, String> sftp = printed("SFTP");
        for (String user : List.of("carol@nosuch-" + tenant + ".localhost", "nobody@nosuch-" + tenant + ".localhost")) {
            AssertionError refused = assertThrows(AssertionError.class,
                    () -> paramiko(sftp.get("host"), sftp.get("port"), user, password));
            assertTrue(refused.getMessage().contains("refused: Wharf: Login incorrect: the site in the user name is "
                    + "missing or unknown: log in as <user>@<your site's host name>"), refused.getMessage());
        }
    }
}
