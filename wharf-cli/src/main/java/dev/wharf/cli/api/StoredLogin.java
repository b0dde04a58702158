package dev.wharf.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The tokens {@code wharf login} got through the browser, kept in a file only the user can read (one file per
 * Keycloak and realm), so that later commands need no password: the access token while it is valid, then a new one
 * for the refresh token.
 */
record StoredLogin(String keycloakUrl, String realm, String accessToken, Instant accessExpiresAt,
                   String refreshToken, Instant refreshExpiresAt) {

    /** {@code WHARF_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/wharf}, else {@code ~/.config/wharf}; null without a home. */
    static Path directory(Map<String, String> env) {
        String dir = env.get("WHARF_CONFIG_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir.trim());
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg.trim(), "wharf");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return home == null || home.isBlank() ? null : Path.of(home, ".config", "wharf");
    }

    /** The file of the sign-in at {@code realm} of {@code keycloakUrl} in {@code dir}. */
    static Path file(Path dir, String keycloakUrl, String realm) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((keycloakUrl + " " + realm).getBytes(StandardCharsets.UTF_8));
            return dir.resolve("login-" + HexFormat.of().formatHex(digest).substring(0, 16) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** The stored sign-in of {@code connection}'s Keycloak and realm, if any. */
    static Optional<StoredLogin> load(Connection c, ObjectMapper json) {
        if (c.loginDir() == null) {
            return Optional.empty();
        }
        Path file = file(c.loginDir(), c.keycloakUrl(), c.signInRealm());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
            return Optional.of(new StoredLogin(n.path("keycloakUrl").asText(), n.path("realm").asText(),
                    n.path("accessToken").asText(), Instant.ofEpochSecond(n.path("accessExpiresAt").asLong()),
                    n.path("refreshToken").asText(null), Instant.ofEpochSecond(n.path("refreshExpiresAt").asLong())));
        } catch (IOException e) {
            return Optional.empty(); // unreadable or damaged: as if not signed in
        }
    }

    /** The sign-in answered by Keycloak's token endpoint ({@code access_token}, {@code expires_in}, ...). */
    static StoredLogin fromTokenResponse(Connection c, JsonNode body, Instant now) {
        long refreshLife = body.path("refresh_expires_in").asLong(0);
        return new StoredLogin(c.keycloakUrl(), c.signInRealm(), body.path("access_token").asText(),
                now.plusSeconds(body.path("expires_in").asLong(60)), body.path("refresh_token").asText(null),
                // 0: an offline token, valid until revoked
                refreshLife == 0 ? Instant.MAX.minusSeconds(1) : now.plusSeconds(refreshLife));
    }

    /** Writes the file readable and writable by its owner only (created so, never widened). */
    void save(Path dir, ObjectMapper json) {
        Path file = file(dir, keycloakUrl, realm);
        ObjectNode n = json.createObjectNode();
        n.put("keycloakUrl", keycloakUrl);
        n.put("realm", realm);
        n.put("accessToken", accessToken);
        n.put("accessExpiresAt", accessExpiresAt.getEpochSecond());
        n.put("refreshToken", refreshToken);
        n.put("refreshExpiresAt", refreshExpiresAt.getEpochSecond());
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path temp = Files.createTempFile(dir, ".login-", ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, n.toString(), StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw CliException.unreachable("cannot keep the sign-in in " + file + ": " + e.getMessage(),
                    "set WHARF_CONFIG_DIR to a folder you can write");
        }
    }

    /** Forgets the sign-in of {@code c}; whether there was one. */
    static boolean delete(Connection c) {
        if (c.loginDir() == null) {
            return false;
        }
        try {
            return Files.deleteIfExists(file(c.loginDir(), c.keycloakUrl(), c.signInRealm()));
        } catch (IOException e) {
            throw CliException.unreachable("cannot remove the stored sign-in: " + e.getMessage());
        }
    }

    /** Whether the access token is still good for a call (30 s of margin). */
    boolean accessValid(Instant now) {
        return now.plusSeconds(30).isBefore(accessExpiresAt);
    }

    @Override
    public String toString() {
        // never the tokens
        return "StoredLogin[" + keycloakUrl + ", realm " + realm + ", access until " + accessExpiresAt + "]";
    }
}
