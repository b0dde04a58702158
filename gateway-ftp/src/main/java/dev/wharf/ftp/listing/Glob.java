package dev.wharf.ftp.listing;

import java.util.ArrayList;
import java.util.List;

/**
 * A file-name wildcard pattern ({@code *}, {@code ?}, {@code [abc]}, {@code [a-z]}, {@code [!x]}) matched in
 * O(name × pattern) time at worst: a mismatch after a {@code *} only moves that one star forward, never back to an
 * earlier one. The library's matcher backtracks recursively and is exponential on {@code a*a*a*...b}.
 */
public final class Glob {
    /** Longest pattern accepted; longer ones match nothing (names are at most a few hundred characters). */
    static final int MAX_PATTERN = 1024;

    private sealed interface Token {
    }

    private record Star() implements Token {
    }

    private record AnyOne() implements Token {
    }

    private record Literal(int codePoint) implements Token {
    }

    private record CharClass(int[] from, int[] to, boolean negated) implements Token {
        boolean matches(int c) {
            boolean in = false;
            for (int i = 0; i < from.length && !in; i++) {
                in = c >= from[i] && c <= to[i];
            }
            return in != negated;
        }
    }

    private final Token[] tokens;

    private Glob(Token[] tokens) {
        this.tokens = tokens;
    }

    /** Whether {@code text} holds a wildcard the library's listing parser would treat as a pattern. */
    public static boolean isPattern(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    public static Glob compile(String pattern) {
        if (pattern.length() > MAX_PATTERN) {
            return new Glob(null);
        }
        int[] cps = pattern.codePoints().toArray();
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == '*') {
                if (out.isEmpty() || !(out.getLast() instanceof Star)) {
                    out.add(new Star()); // runs of stars are one star
                }
            } else if (c == '?') {
                out.add(new AnyOne());
            } else if (c == '[') {
                int end = classEnd(cps, i);
                if (end < 0) {
                    out.add(new Literal(c)); // an unclosed bracket is itself
                } else {
                    out.add(charClass(cps, i + 1, end));
                    i = end;
                }
            } else {
                out.add(new Literal(c));
            }
        }
        return new Glob(out.toArray(Token[]::new));
    }

    /** Index of the {@code ]} closing the class opened at {@code open}; a {@code ]} first in the class is literal. */
    private static int classEnd(int[] cps, int open) {
        int i = open + 1;
        if (i < cps.length && (cps[i] == '!' || cps[i] == '^')) {
            i++;
        }
        if (i < cps.length && cps[i] == ']') {
            i++;
        }
        for (; i < cps.length; i++) {
            if (cps[i] == ']') {
                return i;
            }
        }
        return -1;
    }

    private static CharClass charClass(int[] cps, int start, int end) {
        boolean negated = start < end && (cps[start] == '!' || cps[start] == '^');
        int i = negated ? start + 1 : start;
        List<int[]> ranges = new ArrayList<>();
        while (i < end) {
            int lo = cps[i];
            if (i + 2 < end && cps[i + 1] == '-') {
                ranges.add(new int[]{lo, cps[i + 2]});
                i += 3;
            } else {
                ranges.add(new int[]{lo, lo});
                i++;
            }
        }
        return new CharClass(ranges.stream().mapToInt(r -> r[0]).toArray(),
                ranges.stream().mapToInt(r -> r[1]).toArray(), negated);
    }

    public boolean matches(String name) {
        if (tokens == null) {
            return false;
        }
        int[] s = name.codePoints().toArray();
        int t = 0;
        int n = 0;
        int star = -1;
        int starN = 0;
        while (n < s.length) {
            if (t < tokens.length && tokens[t] instanceof Star) {
                star = t++;
                starN = n;
            } else if (t < tokens.length && matchesOne(tokens[t], s[n])) {
                t++;
                n++;
            } else if (star >= 0) {
                // let the last star take one more character and retry what follows it
                t = star + 1;
                n = ++starN;
            } else {
                return false;
            }
        }
        while (t < tokens.length && tokens[t] instanceof Star) {
            t++;
        }
        return t == tokens.length;
    }

    private static boolean matchesOne(Token token, int c) {
        return switch (token) {
            case AnyOne any -> true;
            case Literal l -> l.codePoint() == c;
            case CharClass cc -> cc.matches(c);
            case Star star -> false;
        };
    }
}
