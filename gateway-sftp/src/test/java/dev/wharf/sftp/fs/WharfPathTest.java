package dev.wharf.sftp.fs;

import dev.wharf.core.files.FileOperations;
import dev.wharf.core.identity.Principal;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.Protocol;
import dev.wharf.sftp.testing.InMemoryStorage;
import dev.wharf.sftp.testing.RecordingAuditSink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WharfPathTest {
    private WharfFileSystem fs;
    private final InMemoryStorage storage = new InMemoryStorage();

    @BeforeEach
    void fs() {
        GatewaySession s = new GatewaySession("/gateway-sftp", Protocol.SFTP, "127.0.0.1", 1);
        s.login(new Principal("t", "u", "id", List.of(), "/u", List.of(), List.of()));
        storage.folder("t", "/u");
        fs = new WharfFileSystemProvider().newFileSystem(new FileOperations(s, storage,
                new SessionAudit(new RecordingAuditSink())));
    }

    @Test
    void pathsAreLexicalAndDotDotStopsAtTheRoot() {
        Path p = fs.getPath("/a/./b/../c");
        assertEquals("/a/c", p.normalize().toString());
        assertEquals("/", fs.getPath("/../../..").normalize().toString());
        assertEquals("../x", fs.getPath("../x").normalize().toString());
        assertEquals("/a/b/c", fs.getPath("/a").resolve("b/c").toString());
        assertEquals("/z", fs.getPath("/a").resolve("/z").toString());
        assertEquals("b/c", fs.getPath("/a").relativize(fs.getPath("/a/b/c")).toString());
        assertEquals("c", fs.getPath("/a/b/c").getFileName().toString());
        assertEquals("/a/b", fs.getPath("/a/b/c").getParent().toString());
        assertNull(fs.getPath("/").getParent());
        assertEquals("/x", fs.getPath("").toAbsolutePath().resolve("x").toString());
        assertTrue(fs.getPath("/a/b").startsWith(fs.getPath("/a")));
        assertTrue(fs.getPath("/a/b").endsWith(fs.getPath("b")));
        assertEquals(fs.getPath("/a", "b"), fs.getPath("/a/b"));
    }

    @Test
    void nioCallsGoToStorageUnderTheHomeFolder() throws Exception {
        Files.createDirectory(fs.getPath("/docs"));
        assertTrue(storage.exists("t", "/u/docs"));
        assertTrue(Files.isDirectory(fs.getPath("/docs")));
        assertFalse(Files.exists(fs.getPath("/nope")));
        assertThrows(NoSuchFileException.class, () -> Files.size(fs.getPath("/nope")));
        storage.file("t", "/u/docs/a.txt", "abc".getBytes());
        assertEquals(3, Files.size(fs.getPath("/docs/a.txt")));
        try (var s = Files.newDirectoryStream(fs.getPath("/docs"))) {
            List<String> names = new java.util.ArrayList<>();
            s.forEach(x -> names.add(x.getFileName().toString()));
            assertEquals(List.of("a.txt"), names);
        }
        Files.delete(fs.getPath("/docs/a.txt"));
        Files.delete(fs.getPath("/docs"));
        assertFalse(storage.exists("t", "/u/docs"));
    }
}
