package dev.wharf.ftp.fs;

import dev.wharf.ftp.support.Clients;
import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.TestFtpsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HASH and OPTS HASH (draft-bryan-ftpext-hash), answered from the SHA-256 storage recorded at upload. */
class HashCommandTest {
    private static GatewayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void hashOfAnUploadedFileIsItsSha256WithoutReadingItBack() throws Exception {
        byte[] content = "hash me, please\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        TestFtpsClient c = Clients.loggedIn(f, false, "alice");
        try {
            assertTrue(c.storeFile("with space.txt", new ByteArrayInputStream(content)), c.getReplyString());
            int readsBefore = f.storage.reads();
            assertEquals(213, c.sendCommand("HASH", "with space.txt"), c.getReplyString());
            assertEquals("213 SHA-256 0-" + content.length + " " + expected + " /with space.txt",
                    c.getReplyString().trim());
            assertEquals(readsBefore, f.storage.reads(), "HASH must not read the file");
        } finally {
            Clients.close(c);
        }
    }

    @Test
    void optsHashSelectsOnlySha256() throws Exception {
        TestFtpsClient c = Clients.loggedIn(f, false, "alice");
        try {
            assertEquals(200, c.sendCommand("OPTS", "HASH"), c.getReplyString());
            assertEquals("200 SHA-256", c.getReplyString().trim());
            assertEquals(200, c.sendCommand("OPTS", "HASH sha-256"), c.getReplyString());
            assertEquals(504, c.sendCommand("OPTS", "HASH MD5"), c.getReplyString());
            assertFalse(c.getReplyString().contains("MD5"), "the requested name is not echoed");
            assertEquals(200, c.sendCommand("OPTS", "UTF8 ON"), "other OPTS still reach the library");
            assertTrue(c.features(), c.getReplyString());
            assertTrue(c.getReplyString().contains("HASH SHA-256*"), c.getReplyString());
        } finally {
            Clients.close(c);
        }
    }

    @Test
    void hashRefusalsSayWhy() throws Exception {
        f.storage.putWithoutHash(GatewayFixture.TENANT, "/alice/legacy.bin", new byte[] {1, 2, 3});
        f.storage.mkdirs(GatewayFixture.TENANT, "/alice/folder");
        TestFtpsClient c = Clients.loggedIn(f, false, "alice");
        try {
            assertEquals(550, c.sendCommand("HASH", "legacy.bin"), c.getReplyString());
            assertTrue(c.getReplyString().contains("no SHA-256 is recorded"), c.getReplyString());
            assertEquals(550, c.sendCommand("HASH", "missing.bin"), c.getReplyString());
            assertEquals(550, c.sendCommand("HASH", "folder"), c.getReplyString());
            assertTrue(c.getReplyString().contains("folder, not a file"), c.getReplyString());
            assertEquals(501, c.sendCommand("HASH"), c.getReplyString());
        } finally {
            Clients.close(c);
        }
    }
}
