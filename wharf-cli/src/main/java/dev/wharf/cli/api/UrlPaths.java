package dev.wharf.cli.api;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of one URL path segment (RFC 3986: unreserved characters, {@code :} and {@code @} stay). */
public final class UrlPaths {
    private UrlPaths() {
    }

    public static String segment(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~:@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
