package dev.wharf.ftp.listing;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wildcard semantics, and no blow-up on patterns that make backtracking matchers exponential. */
class GlobTest {
    @Test
    void wildcards() {
        assertTrue(Glob.compile("*.txt").matches("report.txt"));
        assertFalse(Glob.compile("*.txt").matches("report.txt.gz"));
        assertTrue(Glob.compile("a?c").matches("abc"));
        assertFalse(Glob.compile("a?c").matches("ac"));
        assertTrue(Glob.compile("file[0-9].csv").matches("file7.csv"));
        assertFalse(Glob.compile("file[!0-9].csv").matches("file7.csv"));
        assertTrue(Glob.compile("file[!0-9].csv").matches("fileX.csv"));
        assertTrue(Glob.compile("[]x]").matches("]"));
        assertTrue(Glob.compile("a[b").matches("a[b"), "an unclosed bracket is literal");
        assertTrue(Glob.compile("*").matches(""));
        assertTrue(Glob.compile("**a**").matches("bab"));
        assertTrue(Glob.compile("ü*ß").matches("übergroß"));
        assertTrue(Glob.compile("a*b*c").matches("aXbYbZc"));
        assertFalse(Glob.compile("a*b*c").matches("aXbYbZ"));
    }

    @Test
    void pathologicalPatternsStayLinear() {
        String name = "a".repeat(5000);
        String pattern = "a*".repeat(200) + "b";
        // a guard against a regression to backtracking, not a speed measurement
        assertTimeout(Duration.ofSeconds(20), () -> assertFalse(Glob.compile(pattern).matches(name)));
        assertTimeout(Duration.ofSeconds(20), () -> assertTrue(Glob.compile("a*".repeat(200)).matches(name)));
    }
}
