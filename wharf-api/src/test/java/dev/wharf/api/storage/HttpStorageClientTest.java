package dev.wharf.api.storage;

import dev.wharf.api.StubService;
import dev.wharf.api.StubService.Answer;
import dev.wharf.api.http.ServiceHttp;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.grant.IssuedGrant;
import dev.wharf.core.grant.SessionGrant;
import dev.wharf.core.storage.FileInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests, streaming and error mapping of the storage adapter (uploads: see {@link HttpUploadTest}). */
class HttpStorageClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A session's grant: every storage call must carry its token. */
    static final SessionGrant DEMO = new SessionGrant("demo",
            new IssuedGrant("grant-token-demo", Instant.now().plus(Duration.ofHours(1))), null);
    private StubService stub;
    private HttpStorageClient client;

    @BeforeEach
    void start() throws IOException {
        stub = new StubService();
        client = clientFor(stub.url());
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    static HttpStorageClient clientFor(URI url) {
        return new HttpStorageClient(new ServiceHttp(ServiceHttp.newClient(TIMEOUT), "storage-service", url, TIMEOUT),
                TIMEOUT);
    }

    @Test
    void statEncodesThePathAsAQueryParameter() {
        stub.respond(r -> Answer.json(200, """
                {"name":"a b+c&d=e#f%.csv","path":"/demo/dir/a b+c&d=e#f%.csv","directory":false,"size":7,
                 "modified":"2025-05-06T07:08:09Z","sha256":null}"""));
        String path = "/demo/dir/a b+c&d=e#f%.csv";
        FileInfo f = client.stat(DEMO, path);
        assertEquals(7, f.size());
        assertEquals(Instant.parse("2025-05-06T07:08:09Z"), f.modified());
        StubService.Seen s = stub.last();
        assertEquals("GET", s.method());
        assertEquals("/v1/tenants/demo/stat", s.path());
        assertEquals(path, s.query("path"));
        assertTrue(s.rawQuery().contains("a%20b%2Bc%26d%3De%23f%25.csv"), s.rawQuery());
        assertEquals("Bearer grant-token-demo", s.header("Authorization"), "every storage call carries the grant");
    }

    @Test
    void downloadsAndChangesCarryTheSessionsGrant() throws IOException {
        stub.respond(r -> r.method().equals("GET") ? new Answer(200, "application/octet-stream", "abc".getBytes(StandardCharsets.UTF_8), Map.of())
                : Answer.empty(204));
        try (InputStream in = client.openRead(DEMO, "/demo/a", 0)) {
            in.readAllBytes();
        }
        assertEquals("Bearer grant-token-demo", stub.last().header("Authorization"));
        client.delete(DEMO, "/demo/a");
        assertEquals("Bearer grant-token-demo", stub.last().header("Authorization"));
        client.rename(DEMO, "/demo/a", "/demo/b");
        assertEquals("Bearer grant-token-demo", stub.last().header("Authorization"));
    }

    @Test
    void nonAsciiNamesSurviveTheTrip() {
        stub.respond(r -> Answer.json(200, "[]"));
        String path = "/demo/Überweisung – 日本語.pdf";
        client.list(DEMO, path);
        assertEquals(path, stub.last().query("path"));
    }

    @Test
    void listReadsChildren() {
        stub.respond(r -> Answer.json(200, """
                [{"name":"a","path":"/demo/a","directory":true,"size":0,"modified":"2025-01-01T00:00:00Z"},
                 {"name":"b.txt","path":"/demo/b.txt","directory":false,"size":3,"modified":"2025-01-01T00:00:00Z",
                  "sha256":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}]"""));
        List<FileInfo> l = client.list(DEMO, "/demo");
        assertEquals(2, l.size());
        assertTrue(l.get(0).directory());
        assertNull(l.get(0).sha256());
        assertEquals("/demo/b.txt", l.get(1).path());
        assertEquals("/v1/tenants/demo/list", stub.last().path());
    }

    @Test
    void notFoundAndNotADirectoryKeepTheirReasons() {
        stub.respond(r -> Answer.json(404, "{\"reason\":\"not_found\",\"message\":\"no /demo/x\"}"));
        assertEquals(Reason.NOT_FOUND, assertThrows(WharfException.class, () -> client.stat(DEMO, "/demo/x")).reason());
        stub.respond(r -> Answer.json(400, "{\"reason\":\"not_a_directory\",\"message\":\"file\"}"));
        assertEquals(Reason.NOT_A_DIRECTORY,
                assertThrows(WharfException.class, () -> client.list(DEMO, "/demo/f")).reason());
    }

    @Test
    void openReadStreamsTheWholeFile() throws IOException {
        byte[] content = "hello, wharf".getBytes(StandardCharsets.UTF_8);
        stub.respond(r -> new Answer(200, "application/octet-stream", content, Map.of()));
        try (InputStream in = client.openRead(DEMO, "/demo/h.txt", 0)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        StubService.Seen s = stub.last();
        assertEquals("/v1/tenants/demo/content", s.path());
        assertNull(s.header("Range"), "no range for a download from the start");
    }

    @Test
    void openReadResumesWithARange() throws IOException {
        byte[] content = "0123456789".getBytes(StandardCharsets.UTF_8);
        stub.respond(r -> new Answer(206, "application/octet-stream", Arrays.copyOfRange(content, 4, 10),
                Map.of("Content-Range", "bytes 4-9/10")));
        try (InputStream in = client.openRead(DEMO, "/demo/d", 4)) {
            assertEquals("456789", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals("bytes=4-", stub.last().header("Range"));
    }

    @Test
    void openReadSkipsItselfWhenTheRangeIsIgnored() throws IOException {
        byte[] content = "0123456789".getBytes(StandardCharsets.UTF_8);
        stub.respond(r -> new Answer(200, "application/octet-stream", content, Map.of()));
        try (InputStream in = client.openRead(DEMO, "/demo/d", 7)) {
            assertEquals("789", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void openReadBeyondTheEndIsAnInvalidOffset() {
        stub.respond(r -> Answer.json(416, "{\"reason\":\"invalid_offset\",\"message\":\"beyond 10\"}"));
        assertEquals(Reason.INVALID_OFFSET,
                assertThrows(WharfException.class, () -> client.openRead(DEMO, "/demo/d", 11)).reason());
        byte[] content = "0123456789".getBytes(StandardCharsets.UTF_8);
        stub.respond(r -> new Answer(200, "application/octet-stream", content, Map.of()));
        assertEquals(Reason.INVALID_OFFSET,
                assertThrows(WharfException.class, () -> client.openRead(DEMO, "/demo/d", 11)).reason());
    }

    @Test
    void changesUseTheirMethodsAndQueries() {
        stub.respond(r -> Answer.empty(r.method().equals("POST") && r.path().endsWith("/folders") ? 201 : 204));
        client.delete(DEMO, "/demo/old.txt");
        assertRequest("DELETE", "/v1/tenants/demo/content", Map.of("path", "/demo/old.txt"));
        client.mkdir(DEMO, "/demo/new dir");
        assertRequest("POST", "/v1/tenants/demo/folders", Map.of("path", "/demo/new dir"));
        client.rmdir(DEMO, "/demo/new dir");
        assertRequest("DELETE", "/v1/tenants/demo/folders", Map.of("path", "/demo/new dir"));
        client.rename(DEMO, "/demo/a&b", "/demo/c=d");
        assertRequest("POST", "/v1/tenants/demo/rename", Map.of("from", "/demo/a&b", "to", "/demo/c=d"));
        client.setModified(DEMO, "/demo/f", Instant.parse("2024-02-29T12:00:00Z"));
        assertRequest("POST", "/v1/tenants/demo/modified", Map.of("path", "/demo/f", "time", "2024-02-29T12:00:00Z"));
    }

    @Test
    void conflictsKeepTheirReasons() {
        stub.respond(r -> Answer.json(409, "{\"reason\":\"directory_not_empty\",\"message\":\"3 entries\"}"));
        assertEquals(Reason.DIRECTORY_NOT_EMPTY,
                assertThrows(WharfException.class, () -> client.rmdir(DEMO, "/demo/d")).reason());
        stub.respond(r -> Answer.json(409, "{\"reason\":\"is_a_directory\",\"message\":\"folder\"}"));
        assertEquals(Reason.IS_A_DIRECTORY,
                assertThrows(WharfException.class, () -> client.delete(DEMO, "/demo/d")).reason());
        stub.respond(r -> Answer.json(409, "{\"reason\":\"already_exists\",\"message\":\"folder\"}"));
        assertEquals(Reason.ALREADY_EXISTS,
                assertThrows(WharfException.class, () -> client.mkdir(DEMO, "/demo/d")).reason());
    }

    @Test
    void anUnreachableServiceIsUnavailableForEveryCall() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpStorageClient c = clientFor(URI.create("http://127.0.0.1:" + port));
        assertEquals(Reason.SERVICE_UNAVAILABLE, assertThrows(WharfException.class, () -> c.stat(DEMO, "/demo")).reason());
        assertEquals(Reason.SERVICE_UNAVAILABLE,
                assertThrows(WharfException.class, () -> c.openRead(DEMO, "/demo/f", 0)).reason());
        assertEquals(Reason.SERVICE_UNAVAILABLE,
                assertThrows(WharfException.class, () -> c.openWrite(DEMO, "/demo/f", 0, false)).reason());
        assertEquals(Reason.SERVICE_UNAVAILABLE,
                assertThrows(WharfException.class, () -> c.rename(DEMO, "/demo/a", "/demo/b")).reason());
    }

    private void assertRequest(String method, String path, Map<String, String> query) {
        StubService.Seen s = stub.last();
        assertEquals(method, s.method());
        assertEquals(path, s.path());
        query.forEach((k, v) -> assertEquals(v, s.query(k), k));
    }
}
