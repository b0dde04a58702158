package dev.wharf.launcher;

import java.nio.file.Path;

/** The per-user cache of unpacked and pre-built components, shared by every run and test on the machine. */
final class CacheDir {

    /** System property that moves the cache (environment variable WHARF_CACHE_DIR does the same). */
    static final String PROPERTY = "wharf.cache.dir";

    private CacheDir() {
    }

    /** {@code -Dwharf.cache.dir}, else {@code $WHARF_CACHE_DIR}, else {@code $XDG_CACHE_HOME/wharf}, else {@code ~/.cache/wharf}. */
    static Path root() {
        String configured = System.getProperty(PROPERTY);
        if (blank(configured)) {
            configured = System.getenv("WHARF_CACHE_DIR");
        }
        if (!blank(configured)) {
            return Path.of(configured).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (!blank(xdg)) {
            return Path.of(xdg, "wharf").toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "wharf");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
