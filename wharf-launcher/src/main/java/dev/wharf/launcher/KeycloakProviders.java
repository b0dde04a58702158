package dev.wharf.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Wharf's own Keycloak providers: the {@code wharf-audit} event listener (module keycloak-audit-listener), copied
 * into {@code providers/} of the cached Keycloak home before {@code kc.sh build}.
 */
public final class KeycloakProviders {
    /** The listener's jar as its module's {@code package} writes it, relative to the project root. */
    public static final String AUDIT_LISTENER_JAR = "keycloak-audit-listener/target/wharf-keycloak-audit-listener.jar";

    private KeycloakProviders() {
    }

    /** The built listener jar, or empty when its module was not packaged (Keycloak then runs without it). */
    public static Optional<Path> auditListenerJar() {
        try {
            Path jar = ProjectPaths.root().resolve(AUDIT_LISTENER_JAR);
            return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    /**
     * A digest of the jar's entries (names and CRCs, not timestamps): a rebuild with the same classes keeps the same
     * Keycloak home, a changed provider gets a freshly built one.
     */
    static String fingerprint(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            zip.stream().sorted(java.util.Comparator.comparing(ZipEntry::getName)).forEach(e -> {
                digest.update(e.getName().getBytes(StandardCharsets.UTF_8));
                digest.update(Long.toString(e.getCrc()).getBytes(StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keycloak's start options that point the listener at the audit topic. */
    static java.util.List<String> auditOptions(String bootstrapServers, String topic) {
        return java.util.List.of("--spi-events-listener--wharf-audit--bootstrap-servers=" + bootstrapServers,
                "--spi-events-listener--wharf-audit--topic=" + topic);
    }
}
