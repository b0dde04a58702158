package dev.wharf.ftp.control;

/**
 * Reply text with control characters shown as {@code \xNN}: a line end inside an echoed name would forge a reply,
 * an escape sequence would drive the user's terminal. Line feeds stay: they separate the lines of multi-line replies.
 */
final class SafeText {
    private SafeText() {
    }

    static boolean isSafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (unsafe(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String of(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c)) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean unsafe(char c) {
        return (c < 0x20 && c != '\n') || c == 0x7f || (c >= 0x80 && c < 0xa0);
    }
}
