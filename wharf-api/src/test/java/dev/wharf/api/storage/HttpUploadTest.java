package dev.wharf.api.storage;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.storage.Upload;
import dev.wharf.core.storage.UploadResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads against a raw-socket server that reads the chunked body itself: commit sends the terminating chunk,
 * abort never does, and bytes reach the server while they are written.
 */
class HttpUploadTest {
    private ChunkedUploadServer server;
    private HttpStorageClient client;

    @BeforeEach
    void start() throws IOException {
        server = new ChunkedUploadServer();
        client = HttpStorageClientTest.clientFor(URI.create("http://127.0.0.1:" + server.port()));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void commitCompletesTheChunkedBodyAndReadsTheResult() throws Exception {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        Upload u = client.openWrite(HttpStorageClientTest.DEMO, "/demo/x", 0, false);
        u.write(data, 0, 100_000);
        u.write(data[100_000]);
        u.write(data, 100_001, data.length - 100_001);
        UploadResult r = u.commit();
        assertEquals(data.length, r.size());
        assertEquals(sha256(data), r.sha256());
        assertEquals(r, u.result());
        assertEquals(r, u.commit(), "commit is idempotent once done");

        ChunkedUploadServer.Outcome o = server.outcomes().poll(10, TimeUnit.SECONDS);
        assertNotNull(o);
        assertTrue(o.complete());
        assertEquals(data.length, o.bytes());
        assertTrue(o.requestLine().startsWith("PUT /v1/tenants/demo/content?path=%2Fdemo%2Fx&offset=0&append=false "),
                o.requestLine());
        assertEquals("chunked", o.headers().get("transfer-encoding"));
        assertEquals("application/octet-stream", o.headers().get("content-type"));
    }

    @Test
    void resumeAndAppendAreQueryParameters() throws Exception {
        try (Upload u = client.openWrite(HttpStorageClientTest.DEMO, "/demo/x", 1024, false)) {
            u.write(1);
        }
        assertTrue(server.outcomes().poll(10, TimeUnit.SECONDS).requestLine().contains("&offset=1024&append=false "));
        try (Upload u = client.openWrite(HttpStorageClientTest.DEMO, "/demo/x", 0, true)) {
            u.write(1);
        }
        assertTrue(server.outcomes().poll(10, TimeUnit.SECONDS).requestLine().contains("&offset=0&append=true "));
    }

    @Test
    void bytesReachTheServerBeforeCommit() throws Exception {
        byte[] block = new byte[64 * 1024];
        Upload u = client.openWrite(HttpStorageClientTest.DEMO, "/demo/big", 0, false);
        for (int i = 0; i < 16; i++) {
            u.write(block);
        }
        // 1 MiB written, nothing committed: a streaming upload has delivered most of it already
        waitFor("the server to receive 768 KiB before commit", () -> server.received() >= 768 * 1024);
        assertEquals(16L * block.length, u.commit().size());
    }

    @Test
    void abortDropsTheConnectionWithoutTheFinalChunk() throws Exception {
        Upload u = client.openWrite(HttpStorageClientTest.DEMO, "/demo/partial", 0, false);
        u.write(new byte[200_000]);
        u.flush();
        waitFor("the first bytes to arrive", () -> server.received() > 0);
        u.abort();
        assertTrue(u.aborted());
        ChunkedUploadServer.Outcome o = server.outcomes().poll(10, TimeUnit.SECONDS);
        assertNotNull(o, "the server saw the connection end");
        assertFalse(o.complete(), "an aborted upload must not look complete to the server");

        u.write(new byte[10]); // ignored after abort, as Upload promises
        u.abort();
        u.close(); // does not commit an aborted upload
        assertEquals(Reason.UPLOAD_ABORTED, assertThrows(WharfException.class, u::commit).reason());
        assertEquals(null, u.result());
    }

    @Test
    void abortBeforeAnyByteStillLeavesAnIncompleteBody() throws Exception {
        Upload u = client.openWrite(HttpStorageClientTest.DEMO, "/demo/empty", 0, false);
        u.abort();
        ChunkedUploadServer.Outcome o = server.outcomes().poll(10, TimeUnit.SECONDS);
        assertNotNull(o);
        assertFalse(o.complete());
        assertEquals(0, o.bytes());
    }

    @Test
    void abortFromAnotherThreadUnblocksAWriterStuckOnBackpressure() throws Exception {
        server.stopReadingAfter(256 * 1024);
        Upload u = client.openWrite(HttpStorageClientTest.DEMO, "/demo/slow", 0, false);
        AtomicLong written = new AtomicLong();
        AtomicReference<String> ended = new AtomicReference<>();
        byte[] block = new byte[64 * 1024];
        // a virtual thread blocked in a socket write is parked (WAITING), which makes "blocked" observable
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                while (!u.aborted() && written.get() < 1L << 30) {
                    u.write(block);
                    written.addAndGet(block.length);
                }
                ended.set(u.aborted() ? "returned, aborted" : "wrote 1 GiB without blocking");
            } catch (IOException e) {
                ended.set("IOException");
            }
        });
        waitFor("the writer to block on a full socket", () -> writer.getState() == Thread.State.WAITING
                && server.received() >= 256 * 1024);
        u.abort();
        writer.join(Duration.ofSeconds(10));
        assertFalse(writer.isAlive(), "abort must unblock the writer");
        // the JDK may report the closed socket to the blocked write or swallow it; either way the writer is free
        assertTrue(List.of("IOException", "returned, aborted").contains(ended.get()), ended.get());
        server.resumeReading();
        ChunkedUploadServer.Outcome o = server.outcomes().poll(10, TimeUnit.SECONDS);
        assertNotNull(o);
        assertFalse(o.complete());
    }

    @Test
    void aServerThatDiesMidUploadNeverYieldsACommit() throws Exception {
        server.closeAfter(128 * 1024);
        Upload u = client.openWrite(HttpStorageClientTest.DEMO, "/demo/x", 0, false);
        byte[] block = new byte[64 * 1024];
        boolean writeFailed = false;
        try {
            for (int i = 0; i < 256; i++) { // 16 MiB: far more than the socket buffers hold
                u.write(block);
            }
        } catch (IOException e) {
            writeFailed = true;
        }
        if (!writeFailed) {
            assertEquals(Reason.SERVICE_UNAVAILABLE, assertThrows(WharfException.class, u::commit).reason());
        } else {
            assertThrows(IOException.class, u::commit, "commit after a failed write reports the failure");
        }
        assertNull(u.result());
        ChunkedUploadServer.Outcome o = server.outcomes().poll(10, TimeUnit.SECONDS);
        assertNotNull(o);
        assertFalse(o.complete());
    }

    @Test
    void aRefusalAnsweredBeforeTheBodyIsReported() throws Exception {
        server.answerEarly(409, "{\"reason\":\"is_a_directory\",\"message\":\"/demo/dir is a folder\"}");
        Upload u = client.openWrite(HttpStorageClientTest.DEMO, "/demo/dir", 0, false);
        u.write(new byte[100]);
        WharfException e = assertThrows(WharfException.class, u::commit);
        assertEquals(Reason.IS_A_DIRECTORY, e.reason());
        assertTrue(e.getMessage().contains("/demo/dir is a folder"));
        assertEquals(Reason.IS_A_DIRECTORY, assertThrows(WharfException.class, u::commit).reason(),
                "a second commit reports the same refusal");
    }

    @Test
    void writesAfterCommitFail() throws Exception {
        Upload u = client.openWrite(HttpStorageClientTest.DEMO, "/demo/x", 0, false);
        u.write(1);
        u.commit();
        assertThrows(IOException.class, () -> u.write(2));
        u.abort();
        assertFalse(u.aborted(), "a committed upload stays committed");
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (int i = 0; i < 2_000 && !condition.getAsBoolean(); i++) {
            if (System.nanoTime() > deadline) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling interval only; the condition decides
        }
        assertTrue(condition.getAsBoolean(), "timed out waiting for " + what);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
