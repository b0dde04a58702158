package dev.wharf.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line without a platform: help, usage errors (exit 2), unreachable services (exit 3). */
class WharfTest {
    @TempDir
    Path runDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Wharf(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), env, runDir, new ByteArrayInputStream(new byte[0])).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpOnEveryLevel() {
        assertEquals(0, run("--help"));
        for (String group : new String[] {"tenant", "user", "group", "otp", "apikey", "sshkey", "site", "admin",
                "share", "ban", "audit"}) {
            assertTrue(out().contains("  " + group + " "), "overview lists " + group);
        }
        assertTrue(out().contains("Exit codes"));
        assertEquals(0, run("user", "--help"));
        assertTrue(out().contains("password <user>"), out());
        assertEquals(0, run("user", "create", "--help"));
        assertTrue(out().contains("--new-password") && out().contains("--tenant"), out());
        assertEquals(0, run("share", "-h"));
        assertTrue(out().contains("Usage: wharf share <user>"), out());
        assertEquals(0, run("site", "set", "--help"));
        assertTrue(out().contains("--otp-grace <duration>"), out());
        assertTrue(out().contains("--address-rule <both|either>") && out().contains("--disabled-protocols <list>"),
                out());
        assertTrue(out().contains("--require-2fa <true|false>") && out().contains("--require-2fa-exempt <list>")
                && out().contains("--password-max-age-days <days>"), out());
        assertEquals(0, run("user", "update", "--help"));
        assertTrue(out().contains("--expires <date|never>") && out().contains("--max-sessions <count>"), out());
        assertEquals("", err());
    }

    @Test
    void usageErrorsExitTwoAndSayWhatToFix() {
        assertUsage("unknown command \"frob\"", "frob");
        assertUsage("needs a verb", "user");
        assertTrue(err().contains("Usage: wharf user <verb>"), "the group's help goes with it");
        assertUsage("unknown verb \"explode\"", "user", "explode");
        assertUsage("takes the arguments <user>", "user", "create");
        assertUsage("not alice bob", "user", "show", "alice", "bob", "--tenant", "t");
        assertUsage("unknown option --frob", "user", "list", "--frob");
        assertUsage("takes no --tenant", "tenant", "list", "--tenant", "x");
        assertUsage("which tenant?", "user", "list");
        assertUsage("wharf tenant show <id>", "tenant", "show");
        assertUsage("--enabled takes true or false", "user", "update", "alice", "-t", "acme", "--enabled", "maybe");
        assertUsage("nothing to update", "user", "update", "alice", "-t", "acme");
        assertUsage("add --yes to confirm", "tenant", "delete", "acme");
        assertUsage("needs a name", "apikey", "create", "alice", "-t", "acme");
        assertUsage("--expires takes", "apikey", "create", "alice", "-t", "acme", "--name", "n", "--expires", "soon");
        assertUsage("--protocol takes one of", "share", "alice", "-t", "acme", "--protocol", "gopher");
        assertUsage("cannot read the key file", "sshkey", "add", "alice", runDir.resolve("nope.pub").toString(),
                "-t", "acme");
        assertUsage("nothing to set", "site", "set", "-t", "acme");
        assertUsage("--otp-grace takes a duration", "site", "set", "-t", "acme", "--otp-grace", "forever");
        assertUsage("--address-rule takes both or either", "site", "set", "-t", "acme", "--address-rule", "any");
        assertUsage("--password-max-age-days takes a whole number", "site", "set", "-t", "acme",
                "--password-max-age-days", "ninety");
        assertUsage("--max-sessions takes a whole number", "user", "update", "alice", "-t", "acme",
                "--max-sessions", "2.5");
    }

    private void assertUsage(String expected, String... args) {
        assertEquals(ExitCode.USAGE, run(args), String.join(" ", args));
        assertTrue(err().contains(expected), String.join(" ", args) + " -> " + err());
        assertEquals("", out(), "nothing on standard output");
    }

    @Test
    void noPasswordKnownIsNotSignedIn() {
        assertEquals(ExitCode.UNREACHABLE, run("tenant", "list"));
        assertTrue(err().contains("not signed in") && err().contains("admin-password"), err());
        assertTrue(err().contains("WHARF_PASSWORD"), err());
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        env.put("WHARF_KEYCLOAK_URL", "http://127.0.0.1:" + port);
        env.put("WHARF_PASSWORD", "never-printed-42");
        assertEquals(ExitCode.UNREACHABLE, run("user", "list", "--tenant", "acme"));
        assertTrue(err().contains("cannot reach Keycloak at http://127.0.0.1:" + port), err());
        assertFalse(err().contains("never-printed-42"), "the password never shows");
        env.remove("WHARF_KEYCLOAK_URL");
        env.put("WHARF_TOKEN", "a.b.c");
        env.put("WHARF_IDENTITY_URL", "http://127.0.0.1:" + port);
        assertEquals(ExitCode.UNREACHABLE, run("user", "list", "--tenant", "acme", "--json"));
        assertTrue(err().contains("cannot reach identity-service"), err());
        assertEquals("", out());
    }

    @Test
    void aTenantAdministratorsSessionDefaultsToItsTenant() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        env.put("WHARF_REALM", "acme");
        env.put("WHARF_TOKEN", "a.b.c");
        env.put("WHARF_IDENTITY_URL", "http://127.0.0.1:" + port);
        // past the tenant check: it fails only at the network
        assertEquals(ExitCode.UNREACHABLE, run("user", "list"));
        // bans are for operators: refused before any call
        assertEquals(ExitCode.REFUSED, run("ban", "list"));
        assertTrue(err().contains("permission_denied") && err().contains("--realm master"), err());
    }
}
