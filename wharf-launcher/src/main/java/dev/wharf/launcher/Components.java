package dev.wharf.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the pinned component artifacts are, as written by the build of the {@code components} module. */
public final class Components {

    /** The command that fetches the components and writes the path files. */
    public static final String BUILD_COMMAND = "./mvnw -q -pl components install";

    private Components() {
    }

    /** The Kafka broker's class path (jars separated by the platform's path separator). */
    public static String kafkaClasspath() {
        return read("kafka.path");
    }

    /** The Keycloak distribution zip. */
    public static Path keycloakZip() {
        return existing(read("keycloak.path"), "keycloak.path");
    }

    /** The S3Proxy jar with its dependencies. */
    public static Path s3proxyJar() {
        return existing(read("s3proxy.path"), "s3proxy.path");
    }

    /** The folder the path files are written into. */
    public static Path pathFilesDir() {
        return ProjectPaths.root().resolve("components/target/components");
    }

    private static String read(String name) {
        Path file = pathFilesDir().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run `" + BUILD_COMMAND
                    + "` in " + ProjectPaths.root() + " (it fetches Keycloak, Kafka and S3Proxy from Maven Central)");
        }
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (value.isEmpty()) {
                throw new IllegalStateException(file + " is empty: run `" + BUILD_COMMAND + "` again");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Path existing(String value, String name) {
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(name + " points at " + path + ", which does not exist (local Maven "
                    + "repository cleaned?): run `" + BUILD_COMMAND + "` again");
        }
        return path;
    }
}
