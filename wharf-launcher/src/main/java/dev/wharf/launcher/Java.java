package dev.wharf.launcher;

import java.nio.file.Path;

/** The Java runtime the launcher itself runs on, reused for every child JVM. */
final class Java {

    private Java() {
    }

    /** The {@code java} executable of the running JVM. */
    static String executable() {
        return home().resolve("bin/java").toString();
    }

    /** The running JVM's home, passed to child scripts as JAVA_HOME. */
    static Path home() {
        return Path.of(System.getProperty("java.home"));
    }
}
