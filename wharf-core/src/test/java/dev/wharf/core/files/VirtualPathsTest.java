package dev.wharf.core.files;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VirtualPathsTest {

    @ParameterizedTest
    @CsvSource({
            "/, a.txt, /a.txt",
            "/docs, a.txt, /docs/a.txt",
            "/docs, ../a.txt, /a.txt",
            "/docs, ../../../../etc/passwd, /etc/passwd",
            "/docs, /x/./y//z/, /x/y/z",
            "/, .., /",
            "/a/b, ., /a/b",
            "/a/b, '', /a/b",
            "/, ..., /...",
    })
    void resolvesWithoutLeavingTheRoot(String cwd, String input, String expected) {
        assertEquals(expected, VirtualPaths.resolve(cwd, input));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\rb", "a\nb", "a\\..\\b", "\u001b[31m", "x\u007f"})
    void refusesUnsafeNames(String input) {
        WharfException e = assertThrows(WharfException.class, () -> VirtualPaths.resolve("/", input));
        assertEquals(Reason.INVALID_PATH, e.reason());
    }

    @Test
    void mapsClientPathsUnderTheHome() {
        assertEquals("/alice", VirtualPaths.underHome("/alice", "/"));
        assertEquals("/alice/x/y", VirtualPaths.underHome("/alice", "/x/y"));
        assertEquals("/x", VirtualPaths.underHome("/", "/x"));
        assertEquals("/", VirtualPaths.underHome("", "/"));
        // a home given with dots is normalized too, so it can never point above the tenant root
        assertEquals("/b/x", VirtualPaths.underHome("/a/../b", "/x"));
    }

    @Test
    void printableNeverEchoesControlCharacters() {
        assertEquals("a\\x0d\\x0aRETR x", VirtualPaths.printable("a\r\nRETR x"));
        assertEquals("", VirtualPaths.printable(null));
    }

    @Test
    void nameAndParent() {
        assertEquals("c", VirtualPaths.name("/a/b/c"));
        assertEquals("/a/b", VirtualPaths.parent("/a/b/c"));
        assertEquals("/", VirtualPaths.parent("/a"));
    }
}
