package dev.wharf.core.files;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns what a client sent as a path into a safe absolute path. Whatever the input ({@code ..}, absolute paths,
 * backslashes, NUL, CR/LF), the result never leaves the root it is resolved against.
 */
public final class VirtualPaths {
    private VirtualPaths() {
    }

    /**
     * Resolves {@code input} against the client's current folder {@code cwd} (both as the client sees them,
     * rooted at {@code /}) and returns a normalized absolute path starting with {@code /}.
     */
    public static String resolve(String cwd, String input) {
        if (input == null) {
            input = "";
        }
        checkSafe(input);
        String joined = input.startsWith("/") ? input : (cwd == null ? "/" : cwd) + "/" + input;
        Deque<String> parts = new ArrayDeque<>();
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast(); // at the root, ".." stays at the root, as on any Unix server
                continue;
            }
            parts.addLast(part);
        }
        return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
    }

    /** Maps a client path (rooted at the home folder) to the tenant-namespace path under {@code home}. */
    public static String underHome(String home, String clientPath) {
        String h = home == null || home.isEmpty() || home.equals("/") ? "" : resolve("/", home);
        return clientPath.equals("/") ? (h.isEmpty() ? "/" : h) : h + clientPath;
    }

    /** Refuses names that no file may carry: NUL, other control characters, and backslashes. */
    public static void checkSafe(String input) {
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new WharfException(Reason.INVALID_PATH, "control character or backslash in path");
            }
        }
    }

    /** The last segment of a normalized path ({@code ""} for the root). */
    public static String name(String path) {
        int i = path.lastIndexOf('/');
        return path.substring(i + 1);
    }

    /** The parent folder of a normalized path ({@code /} for top-level entries and the root). */
    public static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    /** Quotes a client-supplied name for a reply or log line: control characters never appear raw. */
    public static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
