package dev.wharf.storage.backend;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoragePathTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a/b", "/a/", "//", "/a//b", "/.", "/..", "/a/./b", "/a/../b", "/a\\b",
            "/a\u0000", "/a\nb", "/a\rb", "/\u007f", "/\u0085", "/\u009f"})
    void refusesPathsThatAreNotCanonical(String path) {
        WharfException e = assertThrows(WharfException.class, () -> StoragePath.of("acme", path));
        assertEquals(Reason.INVALID_PATH, e.reason());
    }

    @Test
    void refusesOverlongNames() {
        assertEquals(Reason.INVALID_PATH, assertThrows(WharfException.class,
                () -> StoragePath.of("acme", "/" + "é".repeat(128))).reason(), "256 bytes in UTF-8");
        StoragePath.of("acme", "/" + "x".repeat(255));
        assertEquals(Reason.INVALID_PATH, assertThrows(WharfException.class,
                () -> StoragePath.of("acme", ("/" + "x".repeat(99)).repeat(10))).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-acme", "Acme", "ac_me", "ac.me", ".staging", "a/b",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void refusesBadTenantIds(String tenant) {
        WharfException e = assertThrows(WharfException.class, () -> StoragePath.of(tenant, "/"));
        assertEquals(Reason.BAD_REQUEST, e.reason());
    }

    @Test
    void acceptsCanonicalPaths() {
        StoragePath p = StoragePath.of("acme-1", "/docs/é ü/a+b.txt");
        assertEquals("a+b.txt", p.name());
        assertEquals("/docs/é ü", p.parent().path());
        assertEquals("docs/é ü/a+b.txt", p.relative());
        assertEquals(List.of("docs", "é ü", "a+b.txt"), p.segments());
        assertTrue(StoragePath.root("acme-1").isRoot());
        assertEquals(List.of(), StoragePath.root("acme-1").segments());
        assertEquals("/x", StoragePath.root("acme-1").child("x").path());
        StoragePath.of("a", "/...").isRoot(); // three dots is an ordinary name
    }

    @Test
    void knowsWhatLiesUnderAFolder() {
        StoragePath a = StoragePath.of("t", "/a");
        assertTrue(StoragePath.of("t", "/a/b").isSameOrUnder(a));
        assertTrue(a.isSameOrUnder(a));
        assertFalse(StoragePath.of("t", "/ab").isSameOrUnder(a));
        assertFalse(StoragePath.of("u", "/a/b").isSameOrUnder(a));
        assertTrue(a.isSameOrUnder(StoragePath.root("t")));
    }
}
