package dev.wharf.e2e.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Users, groups, second factor, API keys, SSH keys and sharing details through the CLI, in a tenant of their own. */
class CliUsersIT {
    private static final WharfCommand WHARF = WharfCommand.operator();
    private static String tenant;

    @TempDir
    Path dir;

    @BeforeAll
    static void tenant() {
        tenant = CliOperatorIT.newTenantId();
        WHARF.run("tenant", "create", tenant).ok();
    }

    @AfterAll
    static void dropTenant() {
        if (tenant != null) {
            WHARF.run("tenant", "delete", tenant, "--yes");
        }
    }

    private WharfCommand.Result wharf(String... args) {
        return WHARF.with("WHARF_TENANT", tenant).run(args);
    }

    @Test
    void usersFromCreationToDeletion() {
        String text = wharf("user", "create", "alice").ok();
        Matcher m = Pattern.compile("generated password \\(shown once, hand it over now\\): (\\S+)").matcher(text);
        assertTrue(m.find(), text);
        String password = m.group(1);
        assertTrue(text.contains("Connect with SFTP:"), "sharing details: " + text);
        assertEquals("ok", IdentityProbe.login(tenant, "alice", password, null), "the printed password works");

        JsonNode bob = wharf("user", "create", "bob", "--home", "/team/bob", "--protocols", "sftp,ftps",
                "--json").json();
        assertEquals("bob", bob.path("username").asText());
        assertEquals(24, bob.path("password").asText().length(), bob.toString());
        assertTrue(bob.path("sharing").isArray() && !bob.path("sharing").isEmpty(), bob.toString());

        JsonNode list = wharf("user", "list", "--json").json();
        assertTrue(list.findValuesAsText("username").containsAll(java.util.List.of("alice", "bob")), list.toString());
        JsonNode shown = wharf("user", "show", "bob", "--json").json();
        assertEquals("/team/bob", shown.path("home").asText());
        assertEquals("[\"sftp\",\"ftps\"]", shown.path("allowedProtocols").toString());

        JsonNode updated = wharf("user", "update", "bob", "--home", "/shared", "--cidrs", "192.0.2.0/24",
                "--json").json();
        assertEquals("/shared", updated.path("home").asText());
        wharf("user", "update", "bob", "--auth-method", "sometimes").fails(2, "--auth-method takes password or none");

        wharf("user", "disable", "alice").ok();
        assertEquals("account_disabled", IdentityProbe.login(tenant, "alice", password, null));
        wharf("user", "enable", "alice").ok();

        String reset = wharf("user", "password", "alice").ok();
        Matcher p2 = Pattern.compile("new password of alice \\(shown once, hand it over now\\): (\\S+)").matcher(reset);
        assertTrue(p2.find(), reset);
        assertEquals("ok", IdentityProbe.login(tenant, "alice", p2.group(1), null));
        assertEquals("bad_credentials", IdentityProbe.login(tenant, "alice", password, null));
        WHARF.with("WHARF_TENANT", tenant).runWithInput("Chosen-Passw0rd-From-Stdin\n", "user", "password", "alice",
                "--new-password", "-").ok();
        assertEquals("ok", IdentityProbe.login(tenant, "alice", "Chosen-Passw0rd-From-Stdin", null));

        JsonNode sftp = wharf("share", "alice", "--protocol", "sftp", "--json").json();
        assertEquals("alice@" + tenant + ".localhost", sftp.path("username").asText(), "SSH carries no host name");
        assertTrue(sftp.path("port").asInt() > 0, sftp.toString());
        assertFalse(sftp.path("host").asText().isEmpty(), sftp.toString());
        String shared = wharf("share", "alice").ok();
        assertTrue(shared.contains("user name:  alice") && shared.contains("portal:"), shared);

        wharf("user", "delete", "bob").ok();
        wharf("user", "show", "bob").fails(1, "not_found");
    }

    @Test
    void groupsAndMembers() {
        wharf("user", "create", "gina", "--json").json();
        JsonNode g = wharf("group", "create", "partners", "--protocols", "sftp", "--json").json();
        assertEquals("partners", g.path("name").asText());
        wharf("group", "create", "partners").fails(1, "already_exists");
        wharf("group", "add-member", "partners", "gina").ok();
        assertEquals("[\"gina\"]", wharf("group", "show", "partners", "--json").json().path("members").toString());
        assertTrue(wharf("user", "show", "gina", "--json").json().path("groups").toString().contains("partners"));
        JsonNode updated = wharf("group", "update", "partners", "--protocols", "sftp,ftps", "--json").json();
        assertEquals("[\"sftp\",\"ftps\"]", updated.path("allowedProtocols").toString());
        assertTrue(wharf("group", "list").ok().contains("partners"));
        wharf("group", "remove-member", "partners", "gina").ok();
        wharf("group", "remove-member", "partners", "gina").fails(1, "not_found");
        wharf("group", "delete", "partners").ok();
        wharf("group", "show", "partners").fails(1, "not_found");
    }

    @Test
    void bandwidthLimitsOfAUserActiveFtpAndQuotasOfTheSite() {
        wharf("user", "create", "rhea").ok();
        JsonNode limited = wharf("user", "update", "rhea", "--upload-limit", "512k", "--download-limit", "2m",
                "--json").json();
        assertEquals(512 * 1024, limited.path("uploadBytesPerSecond").asLong(), limited.toString());
        assertEquals(2 * 1024 * 1024, limited.path("downloadBytesPerSecond").asLong(), limited.toString());
        String shown = wharf("user", "show", "rhea").ok();
        assertTrue(shown.contains("upload bytes/s") && shown.contains("524288"), shown);
        wharf("user", "update", "rhea", "--upload-limit", "100").fails(1, "uploadBytesPerSecond is a number");
        JsonNode lifted = wharf("user", "update", "rhea", "--upload-limit", "none", "--json").json();
        assertTrue(lifted.path("uploadBytesPerSecond").isNull(), lifted.toString());
        assertEquals(2 * 1024 * 1024, lifted.path("downloadBytesPerSecond").asLong(), "the other one is kept");

        JsonNode site = wharf("site", "set", "--active-ftp", "true", "--json").json();
        assertTrue(site.path("activeFtpAllowed").asBoolean(), site.toString());
        assertTrue(wharf("site", "show").ok().contains("active FTP allowed"));
        assertFalse(wharf("site", "set", "--active-ftp", "false", "--json").json().path("activeFtpAllowed")
                .asBoolean());
        JsonNode quotas = wharf("site", "set", "--quota-bytes", "500g", "--quota-files", "none",
                "--shared-folder-quotas", "finance 1000;hr - 20", "--json").json();
        assertEquals(500L << 30, quotas.path("quotaBytes").asLong(), quotas.toString());
        assertEquals("[\"finance 1000 -\",\"hr - 20\"]", quotas.path("sharedFolderQuotas").toString());
        assertTrue(wharf("site", "show").ok().contains("shared folder quotas"));
        wharf("site", "set", "--shared-folder-quotas", "Finance 10").fails(1, "shared folder");
        JsonNode none = wharf("site", "set", "--quota-bytes", "none", "--shared-folder-quotas", "", "--json").json();
        assertTrue(none.path("quotaBytes").isNull() && none.path("sharedFolderQuotas").isEmpty(), none.toString());
        JsonNode largest = wharf("site", "set", "--max-file-size", "2g", "--json").json();
        assertEquals(2L << 30, largest.path("maxFileSize").asLong(), largest.toString());
        assertTrue(wharf("site", "show").ok().contains("max file size"));
        assertTrue(wharf("site", "set", "--max-file-size", "none", "--json").json().path("maxFileSize").isNull());
    }

    @Test
    void accountLifecycleSettingsOfAUserAndOfTheSite() {
        String password = wharf("user", "create", "lena", "--json").json().path("password").asText();
        JsonNode expired = wharf("user", "update", "lena", "--expires", "2000-01-31", "--max-sessions", "3",
                "--json").json();
        assertEquals("2000-01-31", expired.path("expires").asText(), expired.toString());
        assertEquals(3, expired.path("maxSessions").asInt(), expired.toString());
        assertTrue(wharf("user", "show", "lena").ok().contains("2000-01-31"));
        assertEquals("account_expired", IdentityProbe.login(tenant, "lena", password, null));
        assertEquals("bad_credentials", IdentityProbe.login(tenant, "lena", "Wrong-" + password, null),
                "nothing is said before the password is right");
        JsonNode renewed = wharf("user", "update", "lena", "--expires", "never", "--max-sessions", "none",
                "--json").json();
        assertTrue(renewed.path("expires").isNull() && renewed.path("maxSessions").isNull(), renewed.toString());
        assertEquals("ok", IdentityProbe.login(tenant, "lena", password, null));
        wharf("user", "update", "lena", "--expires", "next week").fails(1, "expires must be a date");

        JsonNode site = wharf("site", "set", "--require-2fa", "true", "--require-2fa-exempt", "api-keys",
                "--password-max-age-days", "90", "--json").json();
        assertTrue(site.path("secondFactorRequired").asBoolean(), site.toString());
        assertEquals("[\"api-keys\"]", site.path("secondFactorExempt").toString());
        assertEquals(90, site.path("passwordMaxAgeDays").asInt(), site.toString());
        assertTrue(wharf("site", "show").ok().contains("2FA required"));
        assertEquals("second_factor_enrolment_required", IdentityProbe.login(tenant, "lena", password, null));
        wharf("site", "set", "--require-2fa-exempt", "passwords").fails(1, "secondFactorExempt");
        JsonNode relaxed = wharf("site", "set", "--require-2fa", "false", "--require-2fa-exempt", "",
                "--password-max-age-days", "0", "--json").json();
        assertFalse(relaxed.path("secondFactorRequired").asBoolean(), relaxed.toString());
        assertEquals(0, relaxed.path("passwordMaxAgeDays").asInt(), relaxed.toString());
        assertEquals("ok", IdentityProbe.login(tenant, "lena", password, null));
    }

    @Test
    void secondFactorEnrolmentDrawsAQrCodeAndWorks() {
        String password = wharf("user", "create", "olga", "--json").json().path("password").asText();
        String text = wharf("otp", "enrol", "olga").ok();
        Matcher secret = Pattern.compile("secret: ([A-Z2-7]+)").matcher(text);
        assertTrue(secret.find(), text);
        assertTrue(text.contains("otpauth://totp/"), text);
        assertTrue(text.lines().filter(l -> l.contains("\u2588") || l.contains("\u2580") || l.contains("\u2584"))
                .count() >= 12, "a QR code drawn with half blocks:\n" + text);
        assertEquals("second_factor_required", IdentityProbe.login(tenant, "olga", password, null));
        assertEquals("ok", IdentityProbe.login(tenant, "olga", password, IdentityProbe.totp(secret.group(1))));
        wharf("otp", "enrol", "olga").fails(1, "already_exists");
        wharf("otp", "remove", "olga").ok();
        assertEquals("ok", IdentityProbe.login(tenant, "olga", password, null));
        JsonNode again = wharf("otp", "enrol", "olga", "--json").json();
        assertTrue(again.path("otpauthUri").asText().startsWith("otpauth://totp/"), again.toString());
    }

    @Test
    void apiKeys() {
        wharf("user", "create", "robot", "--json").json();
        JsonNode key = wharf("apikey", "create", "robot", "--name", "nightly-" + tenant, "--expires", "30d",
                "--json").json();
        String secret = key.path("secret").asText();
        assertFalse(secret.isEmpty(), key.toString());
        assertEquals("ok", IdentityProbe.login(tenant, "@api-nightly-" + tenant, secret, null));
        JsonNode list = wharf("apikey", "list", "robot", "--json").json();
        assertEquals(1, list.size(), list.toString());
        assertFalse(list.toString().contains(secret), "a list never shows the secret");
        String human = wharf("apikey", "create", "robot", "--name", "other-" + tenant).ok();
        assertTrue(human.contains("secret:") && human.contains("@api-"), human);
        wharf("apikey", "create", "robot", "--name", "bad-" + tenant, "--expires", "whenever")
                .fails(2, "--expires takes");
        wharf("apikey", "revoke", "robot", key.path("id").asText()).ok();
        assertEquals("bad_credentials", IdentityProbe.login(tenant, "@api-nightly-" + tenant, secret, null));
        wharf("apikey", "revoke", "robot", key.path("id").asText()).fails(1, "not_found");
    }

    @Test
    void sshKeysFromAFileAndFromStandardInput() throws Exception {
        wharf("user", "create", "sam", "--json").json();
        String first = ed25519Line("sam@laptop");
        Path file = dir.resolve("id_ed25519.pub");
        Files.writeString(file, "# sam's key\n" + first + "\n");
        JsonNode added = wharf("sshkey", "add", "sam", file.toString(), "--json").json();
        assertEquals(fingerprint(first), added.path("fingerprint").asText(), added.toString());

        String second = ed25519Line("sam@desktop");
        String out = WHARF.with("WHARF_TENANT", tenant).runWithInput(second + "\n", "sshkey", "add", "sam", "-").ok();
        assertTrue(out.contains(fingerprint(second)), out);
        assertEquals(2, wharf("sshkey", "list", "sam", "--json").json().size());

        wharf("sshkey", "remove", "sam", fingerprint(first)).ok();
        JsonNode left = wharf("sshkey", "list", "sam", "--json").json();
        assertEquals(1, left.size());
        assertEquals(fingerprint(second), left.get(0).path("fingerprint").asText());
        wharf("sshkey", "remove", "sam", left.get(0).path("id").asText()).ok();
        assertTrue(wharf("sshkey", "list", "sam").ok().contains("(none)"));

        Path bad = dir.resolve("bad.pub");
        Files.writeString(bad, "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDx not-a-key\n");
        wharf("sshkey", "add", "sam", bad.toString()).fails(1, "bad_request");
    }

    /** A fresh OpenSSH ed25519 public key line. */
    static String ed25519Line(String comment) throws Exception {
        byte[] x509 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(blob)) {
            writeString(d, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
            writeString(d, raw);
        }
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " " + comment;
    }

    private static void writeString(DataOutputStream d, byte[] b) throws IOException {
        d.writeInt(b.length);
        d.write(b);
    }

    /** {@code SHA256:...} as ssh-keygen -l prints it. */
    static String fingerprint(String line) throws Exception {
        byte[] blob = Base64.getDecoder().decode(line.split(" ")[1]);
        return "SHA256:" + Base64.getEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
    }
}
