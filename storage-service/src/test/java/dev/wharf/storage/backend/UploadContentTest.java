package dev.wharf.storage.backend;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UploadContentTest {
    @Test
    void hashesThePrefixAndTheBody() throws Exception {
        byte[] old = "hello, old world".getBytes();
        byte[] body = "new tail".getBytes();
        try (UploadContent c = new UploadBody(new ByteArrayInputStream(body), body.length)
                .content(new ByteArrayInputStream(old), 7)) {
            byte[] all = c.readAllBytes();
            assertArrayEquals("hello, new tail".getBytes(), all);
            assertEquals(15, c.size());
            assertEquals(8, c.bodyBytes());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all)), c.sha256());
        }
    }

    @Test
    void aBodyShorterThanDeclaredIsAnAbortedUpload() {
        UploadContent c = new UploadBody(new ByteArrayInputStream(new byte[10]), 20).content();
        WharfException e = assertThrows(WharfException.class, c::readAllBytes);
        assertEquals(Reason.UPLOAD_ABORTED, e.reason());
    }

    @Test
    void aBrokenBodyIsAnAbortedUpload() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset");
            }
        };
        WharfException e = assertThrows(WharfException.class, () -> new UploadBody(broken, -1).content().readAllBytes());
        assertEquals(Reason.UPLOAD_ABORTED, e.reason());
    }

    @Test
    void aPrefixThatShrankIsAnInvalidOffset() {
        UploadContent c = new UploadBody(InputStream.nullInputStream(), 0).content(new ByteArrayInputStream(new byte[3]), 5);
        assertEquals(Reason.INVALID_OFFSET, assertThrows(WharfException.class, c::readAllBytes).reason());
    }
}
