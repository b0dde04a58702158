package dev.wharf.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the Wharf source tree is, so that components and packaged services can be found. */
public final class ProjectPaths {

    /** System property naming the project root; surefire and failsafe set it from the root pom. */
    public static final String ROOT_PROPERTY = "wharf.project.root";

    private static final int MAX_LEVELS = 30;

    private ProjectPaths() {
    }

    /** The project root: {@value #ROOT_PROPERTY} if set, else the nearest folder above user.dir holding mvnw. */
    public static Path root() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(root.resolve("mvnw"))) {
                throw new IllegalStateException("-D" + ROOT_PROPERTY + "=" + configured
                        + " is not the Wharf project root (no mvnw there)");
            }
            return root;
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        Path dir = start;
        for (int i = 0; i < MAX_LEVELS && dir != null; i++) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the Wharf project root: no folder holding mvnw above "
                + start + "; set -D" + ROOT_PROPERTY + "=<path>");
    }

    /** A module's folder under the root, e.g. {@code identity-service}. */
    public static Path module(String name) {
        return root().resolve(name);
    }
}
