package dev.wharf.edge.proxy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feeding bytes as a transport delivers them: one at a time, then the rest passed on to the protocol. */
class ProxyHeaderReaderTest {
    @Test
    void byteByByteThenTheRestBelongsToTheProtocol() throws Exception {
        byte[] header = Headers.v2("203.0.113.7", 40000, "198.51.100.1", 21);
        byte[] user = "USER alice\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = Headers.concat(header, user);
        ProxyHeaderReader reader = new ProxyHeaderReader();
        ProxyHeaderDecoder.Result r = null;
        int fed = 0;
        while (fed < header.length) {
            r = reader.feed(all, fed, 1);
            fed++;
            if (fed < header.length) {
                assertInstanceOf(ProxyHeaderDecoder.NeedMore.class, r, "after " + fed);
            }
        }
        r = reader.feed(all, fed, all.length - fed); // the client's first command in the same read as nothing else
        var d = assertInstanceOf(ProxyHeaderDecoder.Decoded.class, r);
        assertEquals("203.0.113.7", d.header().source().getAddress().getHostAddress());
        assertArrayEquals(user, reader.rest(d.header().length()));
        assertEquals(0, reader.length());
    }

    @Test
    void ordinaryBytesAreKeptWhole() {
        ProxyHeaderReader reader = new ProxyHeaderReader();
        byte[] tls = {0x16, 0x03, 0x01, 0x00};
        assertInstanceOf(ProxyHeaderDecoder.Absent.class, reader.feed(tls, 0, tls.length));
        assertFalse(reader.startsLikeHeader());
        assertArrayEquals(tls, reader.rest(0));
    }

    @Test
    void signatureCompleteOnlyOnceItCanBeTold() {
        ProxyHeaderReader reader = new ProxyHeaderReader();
        byte[] p = "PROXY TCP4".getBytes(StandardCharsets.US_ASCII);
        reader.feed(p, 0, 3);
        assertTrue(reader.startsLikeHeader());
        assertFalse(reader.signatureComplete());
        reader.feed(p, 3, 3);
        assertTrue(reader.signatureComplete());
    }
}
