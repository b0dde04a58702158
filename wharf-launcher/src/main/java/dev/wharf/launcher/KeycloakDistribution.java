package dev.wharf.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Keycloak distribution unpacked once into the user cache and pre-built for the dev-file database, so that
 * every instance starts with {@code kc.sh start --optimized}. Instances keep all their data in their own folders;
 * the cached home is only read at run time.
 */
final class KeycloakDistribution {

    /** The build options the cached home is built with; part of the marker so a change triggers a rebuild. */
    static final List<String> BUILD_OPTIONS = List.of("--db=dev-file");
    /**
     * Added for a home that exports traces: Keycloak's tracing is a build-time option, so such a Keycloak runs from
     * a home of its own (the plain one is never rebuilt back and forth).
     */
    static final List<String> TRACING_OPTIONS = List.of("--tracing-enabled=true");

    private static final Pattern VERSION = Pattern.compile("keycloak-quarkus-dist-(.+)\\.zip");
    private static final String MARKER = ".wharf-built";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    private static final Object JVM_LOCK = new Object();

    private KeycloakDistribution() {
    }

    /** The prepared Keycloak home for the pinned zip, unpacking and building it first if needed. */
    static Path home() {
        return home(false);
    }

    /** As {@link #home()}; with {@code tracing}, a home built with OpenTelemetry tracing on. */
    static Path home(boolean tracing) {
        List<String> options = buildOptions(tracing);
        Path zip = Components.keycloakZip();
        String version = version(zip);
        Path cache = CacheDir.root();
        java.util.Optional<Path> provider = KeycloakProviders.auditListenerJar();
        // one home per provider build: a running Keycloak (another test JVM, ./wharf up) keeps the home it built
        Path home = cache.resolve("keycloak-" + version
                + provider.map(jar -> "-wharf-" + KeycloakProviders.fingerprint(jar)).orElse("")
                + (tracing ? "-tracing" : ""));
        if (isBuilt(home, options)) {
            return home;
        }
        // A file lock serialises preparation across JVMs (a test run and ./wharf up); it is held per JVM, so
        // threads of one JVM are serialised by a monitor as well.
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(cache);
                try (FileChannel channel = FileChannel.open(cache.resolve("keycloak-" + version + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    if (!Files.isDirectory(home)) {
                        unpack(zip, cache, "keycloak-" + version, home);
                    }
                    if (!isBuilt(home, options)) {
                        if (provider.isPresent()) {
                            Files.copy(provider.get(), home.resolve("providers").resolve(provider.get().getFileName()),
                                    StandardCopyOption.REPLACE_EXISTING);
                        }
                        build(home, options);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare Keycloak " + version + " in " + cache, e);
            }
        }
        return home;
    }

    /** The version from the zip's Maven file name, e.g. 26.7.3. */
    static String version(Path zip) {
        Matcher matcher = VERSION.matcher(zip.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalStateException("not a Keycloak dist zip: " + zip);
        }
        return matcher.group(1);
    }

    static List<String> buildOptions(boolean tracing) {
        List<String> options = new java.util.ArrayList<>(BUILD_OPTIONS);
        if (tracing) {
            options.addAll(TRACING_OPTIONS);
        }
        return List.copyOf(options);
    }

    private static boolean isBuilt(Path home, List<String> options) {
        Path marker = home.resolve(MARKER);
        try {
            return Files.isRegularFile(marker)
                    && Files.readString(marker, StandardCharsets.UTF_8).trim().equals(String.join(" ", options));
        } catch (IOException e) {
            return false;
        }
    }

    /** Unpacks into a temporary sibling folder and renames it into place, so no one ever sees half a home. */
    private static void unpack(Path zip, Path cache, String topFolder, Path home) throws IOException {
        Path temp = Files.createTempDirectory(cache, ".unpack-" + home.getFileName() + "-");
        try {
            try (InputStream in = Files.newInputStream(zip); ZipInputStream zipIn = new ZipInputStream(in)) {
                ZipEntry entry;
                while ((entry = zipIn.getNextEntry()) != null) {
                    Path target = temp.resolve(entry.getName()).normalize();
                    if (!target.startsWith(temp)) {
                        throw new IOException("zip entry escapes the target folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(zipIn, target, StandardCopyOption.REPLACE_EXISTING);
                        if (target.getFileName().toString().endsWith(".sh")) {
                            target.toFile().setExecutable(true, false);
                        }
                    }
                }
            }
            Path unpacked = temp.resolve(topFolder);
            if (!Files.isRegularFile(unpacked.resolve("bin/kc.sh"))) {
                throw new IOException(zip + " does not hold " + topFolder + "/bin/kc.sh");
            }
            try {
                Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // another process won the race between our check and the rename: its copy is as good
            }
        } finally {
            deleteTree(temp);
        }
    }

    private static void build(Path home, List<String> options) throws IOException {
        Files.deleteIfExists(home.resolve(MARKER));
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(options);
        ChildProcess.run("keycloak-build", command, KeycloakServer.baseEnvironment(),
                home, home.getParent().resolve(home.getFileName() + "-build.log"), BUILD_TIMEOUT);
        Files.writeString(home.resolve(MARKER), String.join(" ", options) + "\n", StandardCharsets.UTF_8);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
