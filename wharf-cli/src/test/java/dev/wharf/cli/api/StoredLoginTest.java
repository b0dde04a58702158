package dev.wharf.cli.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The browser sign-in's tokens: kept per Keycloak and realm, readable by their owner only, never printed. */
class StoredLoginTest {
    private final ObjectMapper json = new ObjectMapper();

    private Connection connection(Path dir, String realm) {
        return Connection.resolve(Map.of("realm", realm), Map.of("WHARF_CONFIG_DIR", dir.toString()), null);
    }

    @Test
    void aSignInIsKeptForItsKeycloakAndRealmOnlyAndOnlyItsOwnerCanReadIt(@TempDir Path dir) throws Exception {
        Connection acme = connection(dir.resolve("cfg"), "acme");
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        StoredLogin login = StoredLogin.fromTokenResponse(acme, json.readTree(
                "{\"access_token\":\"a.b.c\",\"expires_in\":300,\"refresh_token\":\"r\",\"refresh_expires_in\":1800}"),
                now);
        login.save(acme.loginDir(), json);
        Path file = StoredLogin.file(acme.loginDir(), acme.keycloakUrl(), acme.signInRealm());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(acme.loginDir())));
        StoredLogin back = StoredLogin.load(acme, json).orElseThrow();
        assertEquals("a.b.c", back.accessToken());
        assertEquals(now.plusSeconds(1800), back.refreshExpiresAt());
        assertTrue(back.accessValid(now.plusSeconds(269)));
        assertFalse(back.accessValid(now.plusSeconds(270)), "30 s of margin");
        assertFalse(back.toString().contains("a.b.c"), "tokens never printed");
        assertTrue(StoredLogin.load(connection(dir.resolve("cfg"), "master"), json).isEmpty(), "another realm");
        assertNotEquals(file, StoredLogin.file(acme.loginDir(), "http://elsewhere:8180", "acme"));
        assertTrue(StoredLogin.delete(acme));
        assertTrue(StoredLogin.load(acme, json).isEmpty());
    }

    @Test
    void theFolderFollowsTheEnvironment() {
        assertEquals(Path.of("/x/wharf"), StoredLogin.directory(Map.of("XDG_CONFIG_HOME", "/x", "HOME", "/h")));
        assertEquals(Path.of("/h/.config/wharf"), StoredLogin.directory(Map.of("HOME", "/h")));
        assertEquals(Path.of("/c"), StoredLogin.directory(Map.of("WHARF_CONFIG_DIR", "/c", "HOME", "/h")));
    }
}
