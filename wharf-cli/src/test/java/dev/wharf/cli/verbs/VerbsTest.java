package dev.wharf.cli.verbs;

import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerbsTest {
    @Test
    void everyGroupOfTheIssueIsThere() {
        assertEquals(List.of("tenant", "user", "group", "otp", "apikey", "sshkey", "site", "admin", "share", "ban",
                        "audit", "login", "logout"),
                Catalog.groups().stream().map(VerbGroup::name).toList());
        assertEquals(List.of("create", "list", "show", "update", "delete", "enable", "disable", "password"),
                Catalog.group("user").orElseThrow().verbs().stream().map(Verb::name).toList());
        assertTrue(Catalog.group("share").orElseThrow().direct());
        assertTrue(Catalog.group("login").orElseThrow().direct() && Catalog.group("logout").orElseThrow().direct());
        java.util.Set<String> global = java.util.Set.of("tenant", "ban", "login", "logout");
        assertTrue(Catalog.groups().stream().filter(g -> !global.contains(g.name()))
                .allMatch(g -> g.verbs().stream().allMatch(Verb::tenantScoped)), "tenant verbs take --tenant");
    }

    @Test
    void expiryIsAnInstantOrADurationFromNow() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00.5Z"), ZoneOffset.UTC);
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), ApiKeyVerbs.expires("60d", clock));
        assertEquals(Instant.parse("2027-01-31T00:00:00Z"), ApiKeyVerbs.expires("2027-01-31T00:00:00Z", clock));
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class,
                () -> ApiKeyVerbs.expires("next week", clock)).exitCode());
    }

    @Test
    void sshKeysComeOneALineAndFingerprintsBecomeIds() {
        assertEquals(List.of("ssh-ed25519 AAAA a@b", "ssh-rsa BBBB"),
                SshKeyVerbs.keyLines("# mine\n\n  ssh-ed25519 AAAA a@b  \nssh-rsa BBBB\n"));
        assertEquals("ab-_cd", SshKeyVerbs.keyId("SHA256:ab+/cd="));
        assertEquals("ab-_cd", SshKeyVerbs.keyId("ab-_cd"));
    }

    @Test
    void handOverTextIsWrappedAtWordBoundaries() {
        assertEquals(List.of("aaa bbb", "ccc", "dddddddddd", "e"), Sharing.wrap("aaa bbb ccc dddddddddd e", 7));
    }

    @Test
    void generatedPasswordsAreStrongAndDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String p = Passwords.generate();
            assertEquals(24, p.length());
            assertTrue(p.matches("[A-Za-z2-9]+") && p.chars().anyMatch(Character::isDigit), p);
            seen.add(p);
        }
        assertEquals(50, seen.size());
    }
}
