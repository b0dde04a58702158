package dev.wharf.storage.contract;

import dev.wharf.api.http.ServiceHttp;
import dev.wharf.api.storage.HttpStorageClient;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.access.AccessRule;
import dev.wharf.core.access.AccessRules;
import dev.wharf.core.quota.Quota;
import dev.wharf.core.quota.SiteQuota;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.core.grant.IssuedGrant;
import dev.wharf.core.grant.SessionGrant;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.core.storage.Upload;
import dev.wharf.core.storage.UploadResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static dev.wharf.storage.contract.Data.bytes;
import static dev.wharf.storage.contract.Data.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The storage contract (docs/service-api.md), run over HTTP against each backend: a subclass per backend starts
 * the service with that backend and says how to find leftovers of an unfinished upload.
 */
@QuarkusTestResource(TestGrants.class)
public abstract class StorageContractTest {
    protected static final Duration SETTLE = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    @Inject
    MeterRegistry registry;

    protected StorageApi api;

    /** Fails unless, within {@link #SETTLE}, no unfinished upload is left in the backend. */
    protected abstract void assertNoUnfinishedUploads();

    /** A body size that makes the backend start writing to the store before the body ends (S3: above a part). */
    protected int abortedBodySize() {
        return 512 * 1024;
    }

    @BeforeEach
    void newTenant() {
        api = new StorageApi(base, Data.tenant());
    }

    @Test
    void aPurgedTenantHasNoFilesLeftAndOtherTenantsKeepTheirs() {
        StorageApi other = api.tenant(Data.tenant());
        assertEquals(201, api.upload("/a.txt", bytes(10, 1)).status());
        assertEquals(201, api.upload("/deep/er/b.txt", bytes(20, 2)).status());
        assertEquals(201, api.mkdir("/empty").status());
        assertEquals(201, other.upload("/keep.txt", bytes(5, 3)).status());

        // only identity-service's purge grant of this very tenant removes it: not none, not a session's, not another's
        assertEquals(401, api.purgeWith(null).status());
        assertEquals(403, api.purgeWith(TestGrants.session(api.tenant())).status());
        assertEquals(403, api.purgeWith(TestGrants.purge(other.tenant())).status());
        assertEquals(401, api.purgeWith(TestGrants.forged(api.tenant())).status());
        assertEquals(10, api.info("/a.txt").size(), "nothing was removed by the refused purges");

        Reply purged = api.purge();
        assertEquals(200, purged.status(), purged::toString);
        // files and folders as the backend keeps them (S3 keeps folders as marker objects): at least the two files
        assertTrue(((Number) purged.json(java.util.Map.class).get("removed")).longValue() >= 2, purged::text);

        assertEquals(200, api.list("/").status());
        assertEquals("[]", api.list("/").text());
        assertEquals(404, api.stat("/deep/er/b.txt").status());
        assertEquals(5, other.info("/keep.txt").size());
        Reply again = api.purge();
        assertEquals(200, again.status(), again::toString);
        assertEquals(0, ((Number) again.json(java.util.Map.class).get("removed")).longValue(), again::text);
        // the name is free again: a new tenant of that name starts empty and works as any other
        assertEquals(201, api.upload("/a.txt", bytes(3, 4)).status());
        assertEquals(3, api.info("/a.txt").size());
        assertEquals(400, api.tenant("Bad..Id").purge().status());
    }

    @Test
    void uploadStatListDownload() {
        byte[] content = bytes(200_000, 1);
        Reply up = api.upload("/docs/report.csv", content);
        assertEquals(201, up.status(), up::toString);
        UploadResult result = up.json(UploadResult.class);
        assertEquals("/docs/report.csv", result.path());
        assertEquals(content.length, result.size());
        assertEquals(sha256(content), result.sha256());

        FileInfo info = api.info("/docs/report.csv");
        assertEquals("report.csv", info.name());
        assertEquals("/docs/report.csv", info.path());
        assertFalse(info.directory());
        assertEquals(content.length, info.size());
        assertEquals(sha256(content), info.sha256(), "stat returns the stored checksum");
        assertTrue(info.modified().isAfter(Instant.now().minus(Duration.ofMinutes(5))), info.modified()::toString);

        String raw = api.stat("/docs/report.csv").text();
        assertTrue(raw.matches(".*\"modified\":\"\\d{4}-\\d\\d-\\d\\dT[^\"]*Z\".*"), "ISO-8601 time on the wire: " + raw);
        FileInfo folder = api.info("/docs");
        assertTrue(folder.directory(), "parent folders are created as needed");
        List<FileInfo> root = api.children("/");
        assertEquals(List.of("docs"), root.stream().map(FileInfo::name).toList());
        List<FileInfo> docs = api.children("/docs");
        assertEquals(1, docs.size());
        assertEquals(sha256(content), docs.get(0).sha256(), "list returns the stored checksum");
        assertEquals(content.length, docs.get(0).size());

        Reply down = api.download("/docs/report.csv", null);
        assertEquals(200, down.status());
        assertArrayEquals(content, down.body());
        assertEquals(String.valueOf(content.length), down.header("Content-Length"));
        assertEquals(sha256(content), down.header("X-Wharf-Sha256"));
    }

    @Test
    void emptyFile() {
        assertEquals(201, api.upload("/empty", new byte[0]).status());
        FileInfo info = api.info("/empty");
        assertEquals(0, info.size());
        assertEquals(sha256(new byte[0]), info.sha256());
        Reply down = api.download("/empty", null);
        assertEquals(200, down.status());
        assertEquals(0, down.body().length);
        Reply resumed = api.download("/empty", "bytes=0-");
        assertEquals(206, resumed.status(), resumed::toString);
        assertEquals(0, resumed.body().length);
    }

    @Test
    void listIsSortedAndShowsFoldersAndFiles() {
        api.upload("/b.txt", bytes(10, 2));
        api.upload("/a.txt", bytes(20, 3));
        api.mkdir("/c");
        api.upload("/d/inner.txt", bytes(5, 4));
        List<FileInfo> l = api.children("/");
        assertEquals(List.of("a.txt", "b.txt", "c", "d"), l.stream().map(FileInfo::name).toList());
        assertEquals(List.of(false, false, true, true), l.stream().map(FileInfo::directory).toList());
        assertEquals("/d", l.get(3).path());
        assertNull(l.get(2).sha256(), "folders have no checksum");
    }

    @Test
    void rangeDownload() {
        byte[] content = bytes(100_000, 5);
        api.upload("/r.bin", content);

        Reply tail = api.download("/r.bin", "bytes=40000-");
        assertEquals(206, tail.status());
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 40_000, 100_000), tail.body());
        assertEquals("bytes 40000-99999/100000", tail.header("Content-Range"));
        assertEquals("60000", tail.header("Content-Length"));
        assertEquals(sha256(content), tail.header("X-Wharf-Sha256"), "the checksum is of the whole file");

        Reply middle = api.download("/r.bin", "bytes=10-19");
        assertEquals(206, middle.status());
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 10, 20), middle.body());

        Reply atEnd = api.download("/r.bin", "bytes=100000-");
        assertEquals(206, atEnd.status(), "a resume of a finished download is empty, not an error");
        assertEquals(0, atEnd.body().length);

        Reply beyond = api.download("/r.bin", "bytes=100001-");
        assertEquals(416, beyond.status(), beyond::toString);
        assertEquals("invalid_offset", beyond.reason());

        Reply unsupported = api.download("/r.bin", "bytes=-10");
        assertEquals(400, unsupported.status());
        assertEquals("bad_request", unsupported.reason());
    }

    @Test
    void resumeWithOffsetKeepsTheFirstBytes() {
        byte[] first = bytes(100_000, 6);
        api.upload("/resume.bin", first);
        byte[] rest = bytes(70_000, 7);
        Reply r = api.upload("/resume.bin", rest, 40_000, false);
        assertEquals(201, r.status(), r::toString);
        byte[] expected = Data.concat(first, 40_000, rest);
        UploadResult result = r.json(UploadResult.class);
        assertEquals(expected.length, result.size());
        assertEquals(sha256(expected), result.sha256(), "the checksum covers the whole resulting file");
        assertArrayEquals(expected, api.download("/resume.bin", null).body());
        assertEquals(sha256(expected), api.info("/resume.bin").sha256());

        Reply beyond = api.upload("/resume.bin", rest, expected.length + 1, false);
        assertEquals(400, beyond.status());
        assertEquals("invalid_offset", beyond.reason());
        Reply missing = api.upload("/nothing-here.bin", rest, 10, false);
        assertEquals(400, missing.status());
        assertEquals("invalid_offset", missing.reason());
        assertEquals(404, api.stat("/nothing-here.bin").status());
    }

    @Test
    void appendWritesAfterTheEnd() {
        byte[] first = bytes(3000, 8);
        byte[] second = bytes(2000, 9);
        assertEquals(201, api.upload("/log.txt", first, 0, true).status(), "append creates a missing file");
        Reply r = api.upload("/log.txt", second, 0, true);
        assertEquals(201, r.status(), r::toString);
        byte[] expected = Data.concat(first, first.length, second);
        assertEquals(sha256(expected), r.json(UploadResult.class).sha256());
        assertArrayEquals(expected, api.download("/log.txt", null).body());

        Reply atEnd = api.upload("/log.txt", second, expected.length, true);
        assertEquals(201, atEnd.status(), "append with the current size as offset is consistent");
        Reply mismatch = api.upload("/log.txt", second, 5, true);
        assertEquals(400, mismatch.status());
        assertEquals("invalid_offset", mismatch.reason());
    }

    @Test
    void replaceIsAtomic() {
        byte[] oldContent = bytes(300_000, 10);
        byte[] newContent = bytes(300_000, 11);
        api.upload("/atomic.bin", oldContent);
        try (RawUpload upload = RawUpload.start(base, api.target("content?path=%2Fatomic.bin"), api.grant(),
                newContent.length)) {
            upload.send(java.util.Arrays.copyOf(newContent, 150_000));
            // while the new content is half sent, readers see the old file whole
            Reply during = api.download("/atomic.bin", null);
            assertArrayEquals(oldContent, during.body());
            assertEquals(sha256(oldContent), api.info("/atomic.bin").sha256());
            assertEquals(201, upload.finish(java.util.Arrays.copyOfRange(newContent, 150_000, newContent.length)));
        }
        assertArrayEquals(newContent, api.download("/atomic.bin", null).body());
        assertEquals(sha256(newContent), api.info("/atomic.bin").sha256());
        assertNoUnfinishedUploads();
    }

    @Test
    void sizedUploadThatEndsEarlyLeavesNothing() {
        abortedUploadLeavesNothing(false);
    }

    @Test
    void chunkedUploadThatEndsEarlyLeavesNothing() {
        abortedUploadLeavesNothing(true);
    }

    private void abortedUploadLeavesNothing(boolean chunked) {
        byte[] existing = bytes(1000, 12);
        api.upload("/kept.bin", existing);
        int size = abortedBodySize();
        for (String path : List.of("/new.bin", "/kept.bin")) {
            try (RawUpload upload = RawUpload.start(base, api.target("content?path=" + StorageApi.enc(path)),
                    api.grant(), chunked ? -1 : size * 2L)) {
                upload.send(bytes(size, 13));
                // drop the connection only once the service is writing the upload, not while it reads the head
                await("the service to receive the upload of " + path, () -> activeUploads() == 1);
            }
            await("the service to finish with the aborted upload of " + path, () -> activeUploads() == 0);
        }
        assertEquals(404, api.stat("/new.bin").status(), "an aborted new file does not appear");
        assertArrayEquals(existing, api.download("/kept.bin", null).body(), "an aborted replace keeps the old file");
        assertEquals(sha256(existing), api.info("/kept.bin").sha256());
        assertEquals(List.of("kept.bin"), api.children("/").stream().map(FileInfo::name).toList());
        assertNoUnfinishedUploads();
    }

    @Test
    void largeUploadIsStreamedWhole() {
        int size = 11 * 1024 * 1024 + 17; // above the S3 test part size: a multipart upload there
        byte[] content = bytes(size, 14);
        Reply r = api.uploadStream("/big/large.bin", () -> new ByteArrayInputStream(content));
        assertEquals(201, r.status(), r::toString);
        assertEquals(sha256(content), r.json(UploadResult.class).sha256());
        FileInfo info = api.info("/big/large.bin");
        assertEquals(size, info.size());
        assertEquals(sha256(content), info.sha256(), "the checksum is stored after a multipart upload too");
        assertArrayEquals(content, api.download("/big/large.bin", null).body());
        assertNoUnfinishedUploads();
    }

    @Test
    void foldersAreCreatedAndRemoved() {
        Reply created = api.mkdir("/a/b/c");
        assertEquals(201, created.status(), created::toString);
        assertTrue(api.info("/a/b/c").directory());
        assertTrue(api.info("/a/b").directory(), "missing parents are created");
        Reply again = api.mkdir("/a/b/c");
        assertEquals(409, again.status());
        assertEquals("already_exists", again.reason());

        Reply notEmpty = api.rmdir("/a/b");
        assertEquals(409, notEmpty.status());
        assertEquals("directory_not_empty", notEmpty.reason());

        assertEquals(204, api.rmdir("/a/b/c").status());
        assertEquals(404, api.stat("/a/b/c").status());
        assertTrue(api.info("/a/b").directory(), "removing the last child keeps the parent");
        assertEquals(List.of(), api.children("/a/b"));

        Reply missing = api.rmdir("/a/b/c");
        assertEquals(404, missing.status());
        assertEquals("not_found", missing.reason());

        api.upload("/a/file.txt", bytes(10, 15));
        Reply onFile = api.rmdir("/a/file.txt");
        assertEquals(400, onFile.status());
        assertEquals("not_a_directory", onFile.reason());
        Reply mkdirOnFile = api.mkdir("/a/file.txt");
        assertEquals(409, mkdirOnFile.status());
        assertEquals("already_exists", mkdirOnFile.reason());
        Reply underFile = api.mkdir("/a/file.txt/sub");
        assertEquals(400, underFile.status());
        assertEquals("not_a_directory", underFile.reason());
        Reply rootRemoval = api.rmdir("/");
        assertEquals(403, rootRemoval.status());
    }

    @Test
    void deleteRemovesFilesOnly() {
        api.upload("/dir/only.txt", bytes(10, 16));
        Reply onFolder = api.delete("/dir");
        assertEquals(409, onFolder.status());
        assertEquals("is_a_directory", onFolder.reason());

        assertEquals(204, api.delete("/dir/only.txt").status());
        assertEquals(404, api.stat("/dir/only.txt").status());
        assertTrue(api.info("/dir").directory(), "deleting the last file keeps its folder");
        assertEquals(List.of(), api.children("/dir"));
        Reply again = api.delete("/dir/only.txt");
        assertEquals(404, again.status());
        assertEquals("not_found", again.reason());
        assertEquals(204, api.rmdir("/dir").status());
        assertEquals(List.of(), api.children("/"));
    }

    @Test
    void fileAndFolderConflicts() {
        api.mkdir("/folder");
        Reply onto = api.upload("/folder", bytes(10, 17));
        assertEquals(409, onto.status());
        assertEquals("is_a_directory", onto.reason());
        Reply readFolder = api.download("/folder", null);
        assertEquals(409, readFolder.status());
        assertEquals("is_a_directory", readFolder.reason());

        api.upload("/plain.txt", bytes(10, 18));
        Reply under = api.upload("/plain.txt/child.txt", bytes(10, 19));
        assertEquals(400, under.status());
        assertEquals("not_a_directory", under.reason());
        Reply listFile = api.list("/plain.txt");
        assertEquals(400, listFile.status());
        assertEquals("not_a_directory", listFile.reason());
        Reply listMissing = api.list("/nowhere");
        assertEquals(404, listMissing.status());
        assertEquals("not_found", listMissing.reason());
        assertEquals(404, api.download("/nowhere.txt", null).status());
    }

    @Test
    void renameFile() {
        byte[] content = bytes(5000, 20);
        api.upload("/from.txt", content);
        Instant time = Instant.parse("2021-03-04T05:06:07Z");
        assertEquals(204, api.setModified("/from.txt", time).status());

        Reply r = api.rename("/from.txt", "/sub/to.txt");
        assertEquals(204, r.status(), r::toString);
        assertEquals(404, api.stat("/from.txt").status());
        FileInfo moved = api.info("/sub/to.txt");
        assertEquals(sha256(content), moved.sha256(), "the checksum moves with the file");
        assertEquals(time, moved.modified(), "a rename keeps the modification time");
        assertArrayEquals(content, api.download("/sub/to.txt", null).body());

        byte[] other = bytes(100, 21);
        api.upload("/other.txt", other);
        assertEquals(204, api.rename("/other.txt", "/sub/to.txt").status(), "a file target is replaced");
        assertArrayEquals(other, api.download("/sub/to.txt", null).body());
        assertEquals(sha256(other), api.info("/sub/to.txt").sha256());

        api.upload("/third.txt", other);
        Reply ontoFolder = api.rename("/third.txt", "/sub");
        assertEquals(409, ontoFolder.status());
        assertEquals("already_exists", ontoFolder.reason());
        Reply missing = api.rename("/missing.txt", "/x.txt");
        assertEquals(404, missing.status());
        assertEquals("not_found", missing.reason());
    }

    @Test
    void renameFolder() {
        byte[] a = bytes(1000, 22);
        byte[] b = bytes(2000, 23);
        api.upload("/old/a.txt", a);
        api.upload("/old/deep/b.txt", b);
        api.mkdir("/old/empty");

        Reply r = api.rename("/old", "/new");
        assertEquals(204, r.status(), r::toString);
        assertEquals(404, api.stat("/old").status());
        assertEquals(List.of("a.txt", "deep", "empty"), api.children("/new").stream().map(FileInfo::name).toList());
        assertArrayEquals(b, api.download("/new/deep/b.txt", null).body());
        assertEquals(sha256(a), api.info("/new/a.txt").sha256());
        assertEquals(sha256(b), api.info("/new/deep/b.txt").sha256());
        assertEquals(List.of("new"), api.children("/").stream().map(FileInfo::name).toList());

        api.mkdir("/taken");
        Reply ontoFolder = api.rename("/new", "/taken");
        assertEquals(409, ontoFolder.status());
        assertEquals("already_exists", ontoFolder.reason());
        Reply intoItself = api.rename("/new", "/new/inside");
        assertEquals(400, intoItself.status());
        assertEquals("invalid_path", intoItself.reason());
    }

    @Test
    void modificationTimeIsSettable() {
        api.upload("/t.txt", bytes(10, 24));
        Instant time = Instant.parse("2020-01-02T03:04:05Z");
        assertEquals(204, api.setModified("/t.txt", time).status());
        assertEquals(time, api.info("/t.txt").modified());
        assertEquals(time, api.children("/").get(0).modified(), "list shows the set time");

        api.mkdir("/f");
        assertEquals(204, api.setModified("/f", "2019-05-06T07:08:09+02:00").status());
        assertEquals(Instant.parse("2019-05-06T05:08:09Z"), api.info("/f").modified().truncatedTo(ChronoUnit.SECONDS));

        Reply missing = api.setModified("/missing", time);
        assertEquals(404, missing.status());
        Reply bad = api.setModified("/t.txt", "yesterday");
        assertEquals(400, bad.status());
        assertEquals("bad_request", bad.reason());
    }

    @Test
    void invalidPathsAreRefused() {
        for (String bad : List.of("relative.txt", "/a/../b", "/a/./b", "/..", "/.", "/a//b", "/a/", "/a\\b",
                "/nul\u0000", "/line\nbreak", "/cr\rlf", "/tab\tname", "/del\u007f", "/c1\u0085", "", "//",
                "/" + "x".repeat(256))) {
            Reply stat = api.stat(bad);
            assertEquals(400, stat.status(), () -> "stat " + bad + ": " + stat);
            assertEquals("invalid_path", stat.reason(), () -> "stat " + bad);
            Reply up = api.upload(bad, bytes(5, 25));
            assertEquals(400, up.status(), () -> "upload " + bad + ": " + up);
            assertEquals("invalid_path", up.reason(), () -> "upload " + bad);
        }
        Reply rename = api.rename("/ok.txt", "/../escape.txt");
        assertEquals("invalid_path", rename.reason());
        assertEquals(List.of(), api.children("/"), "nothing was written");

        Reply badTenant = api.tenant("Bad_Tenant").stat("/");
        assertEquals(400, badTenant.status());
        assertEquals("bad_request", badTenant.reason());
        Reply dotTenant = api.tenant(".staging").list("/");
        assertEquals(400, dotTenant.status(), "Wharf's own folders are not tenants");
    }

    @Test
    void namesWithSpacesPlusAndUnicode() {
        String path = "/é ü/a+b c%20d.txt";
        byte[] content = bytes(50, 26);
        assertEquals(201, api.upload(path, content).status());
        assertEquals(path, api.info(path).path());
        assertEquals("a+b c%20d.txt", api.children("/é ü").get(0).name());
        assertArrayEquals(content, api.download(path, null).body());
    }

    @Test
    void tenantsAreIsolated() {
        StorageApi other = api.tenant(Data.tenant());
        api.upload("/secret.txt", bytes(10, 27));
        api.mkdir("/private");
        assertEquals(404, other.stat("/secret.txt").status());
        assertEquals(404, other.download("/secret.txt", null).status());
        assertEquals(List.of(), other.children("/"));
        assertEquals(404, other.delete("/secret.txt").status());
        assertEquals(404, other.rename("/secret.txt", "/mine.txt").status());

        other.upload("/secret.txt", bytes(20, 28));
        assertEquals(10, api.info("/secret.txt").size(), "the same name in another tenant is another file");
        assertEquals(List.of("private", "secret.txt"), api.children("/").stream().map(FileInfo::name).toList());
    }

    @Test
    void everyCallWithoutAValidGrantIsRefusedAndChangesNothing() {
        api.upload("/kept.txt", bytes(10, 40));
        String otherTenant = Data.tenant();
        Map<String, StorageApi> callers = new LinkedHashMap<>();
        callers.put("no grant", api.withGrant(null));
        callers.put("garbage", api.withGrant("not-a-grant"));
        callers.put("expired grant", api.withGrant(TestGrants.expired(api.tenant())));
        callers.put("forged grant", api.withGrant(TestGrants.forged(api.tenant())));
        for (var c : callers.entrySet()) {
            StorageApi a = c.getValue();
            for (Reply r : List.of(a.stat("/kept.txt"), a.list("/"), a.download("/kept.txt", null),
                    a.upload("/new.txt", bytes(5, 41)), a.delete("/kept.txt"), a.mkdir("/d"), a.rmdir("/d"),
                    a.rename("/kept.txt", "/moved.txt"), a.setModified("/kept.txt", Instant.EPOCH))) {
                assertEquals(401, r.status(), c.getKey() + ": " + r);
                assertTrue(r.text().contains("unauthenticated_caller"), c.getKey() + ": " + r);
            }
        }
        // another tenant's valid grant reaches nothing of this tenant
        StorageApi foreign = api.withGrant(TestGrants.session(otherTenant));
        for (Reply r : List.of(foreign.stat("/kept.txt"), foreign.list("/"), foreign.download("/kept.txt", null),
                foreign.upload("/new.txt", bytes(5, 42)), foreign.delete("/kept.txt"),
                foreign.rename("/kept.txt", "/moved.txt"))) {
            assertEquals(403, r.status(), r::toString);
            assertTrue(r.text().contains("permission_denied"), r::toString);
        }
        assertEquals(List.of("kept.txt"), api.children("/").stream().map(FileInfo::name).toList(), "nothing changed");
        assertEquals(10, api.info("/kept.txt").size());
    }

    @Test
    void aDownloadOutlivesItsGrantButTheNextCallIsRefused() throws Exception {
        byte[] content = bytes(4 * 1024 * 1024, 48);
        api.upload("/long.bin", content);
        String grant = TestGrants.shortLived(api.tenant(), Duration.ofSeconds(3));
        java.net.http.HttpResponse<InputStream> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(base.resolve(api.target("content?path=%2Flong.bin")))
                        .header("Authorization", "Bearer " + grant).build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        try (InputStream in = r.body()) {
            byte[] first = in.readNBytes(1024);
            // the grant runs out (3 s, plus the verifier's 5 s of tolerated clock skew) while the transfer is open
            await("the grant to expire", () -> api.withGrant(grant).stat("/long.bin").status() == 401);
            byte[] rest = in.readAllBytes();
            byte[] all = new byte[first.length + rest.length];
            System.arraycopy(first, 0, all, 0, first.length);
            System.arraycopy(rest, 0, all, first.length, rest.length);
            assertArrayEquals(content, all, "the transfer that started with a valid grant is not cut");
        }
        assertEquals(401, api.withGrant(grant).download("/long.bin", null).status());
    }

    @Test
    void aSessionGrantReachesItsHomeAndNothingBesideIt() {
        api.upload("/alice/own.txt", bytes(10, 43));
        api.upload("/bob/secret.txt", bytes(10, 44));
        api.upload("/alice2/other.txt", bytes(10, 45));
        StorageApi alice = api.withGrant(TestGrants.session(api.tenant(), "/alice"));
        assertEquals(200, alice.stat("/alice").status());
        assertEquals(200, alice.download("/alice/own.txt", null).status());
        assertEquals(201, alice.upload("/alice/sub/new.txt", bytes(3, 46)).status());
        for (Reply r : List.of(alice.stat("/bob/secret.txt"), alice.list("/"), alice.list("/bob"),
                alice.download("/bob/secret.txt", null), alice.download("/alice2/other.txt", null),
                alice.upload("/bob/planted.txt", bytes(3, 47)), alice.delete("/bob/secret.txt"),
                alice.mkdir("/evil"), alice.rename("/alice/own.txt", "/bob/own.txt"),
                alice.rename("/bob/secret.txt", "/alice/stolen.txt"), alice.setModified("/bob/secret.txt", Instant.EPOCH))) {
            assertEquals(403, r.status(), r::toString);
            assertTrue(r.text().contains("permission_denied"), r::toString);
        }
        assertEquals(10, api.info("/bob/secret.txt").size(), "bob's file is untouched");
        assertEquals(404, api.stat("/bob/planted.txt").status());
        assertEquals(404, api.stat("/alice/stolen.txt").status());
        // a path that needs normalizing never reaches the home check: refused as invalid either way
        assertEquals(400, alice.stat("/alice/../bob/secret.txt").status());
    }

    @Test
    void aGrantReachesTheSharedFoldersItMountsWithTheirPermissionsAndNoOther() {
        api.upload("/_shared/finance/q1.csv", bytes(10, 50));
        api.upload("/_shared/hr/salaries.csv", bytes(10, 51));
        AccessRules access = AccessRules.of(List.of(AccessRule.parse("upload-only /", null),
                AccessRule.parseMount("finance no-delete /shared/finance", "accounting")));
        StorageApi alice = api.withGrant(TestGrants.session(api.tenant(), "/alice", access));
        assertEquals(200, alice.download("/_shared/finance/q1.csv", null).status());
        assertEquals(List.of("q1.csv"), alice.children("/_shared/finance").stream().map(FileInfo::name).toList());
        assertEquals(201, alice.upload("/_shared/finance/q2.csv", bytes(5, 52)).status());
        assertEquals(201, alice.upload("/alice/drop.csv", bytes(5, 53)).status());
        for (Reply r : List.of(alice.delete("/_shared/finance/q1.csv"), alice.download("/alice/drop.csv", null),
                alice.download("/_shared/hr/salaries.csv", null), alice.list("/_shared"),
                alice.upload("/_shared/hr/planted.csv", bytes(3, 54)), alice.rmdir("/_shared/finance"),
                alice.rename("/_shared/finance", "/_shared/fin"),
                alice.rename("/_shared/hr/salaries.csv", "/_shared/finance/salaries.csv"))) {
            assertEquals(403, r.status(), r::toString);
            assertTrue(r.text().contains("permission_denied"), r::toString);
        }
        assertEquals(10, api.info("/_shared/finance/q1.csv").size());
        assertEquals(404, api.stat("/_shared/hr/planted.csv").status());
        assertEquals(10, api.info("/_shared/hr/salaries.csv").size());
        // a shared folder at which both mounts allow renaming still cannot be renamed away
        StorageApi owner = api.withGrant(TestGrants.session(api.tenant(), "/alice",
                AccessRules.of(List.of(AccessRule.parseMount("finance full /fin", null)))));
        assertEquals(403, owner.rename("/_shared/finance", "/_shared/finance2").status());
        assertEquals(204, owner.rename("/_shared/finance/q2.csv", "/_shared/finance/q2-final.csv").status());
    }

    @Test
    void anUploadThatPassesTheQuotaStopsWhileStreamingAndLeavesNothing() {
        api.upload("/q/old.bin", bytes(600, 60));
        StorageApi q = api.withGrant(TestGrants.session(api.tenant(), "/q", new Quota(1000, 3, 700)));
        Reply allowance = q.getCall("upload-allowance?path=%2Fq%2Fnew.bin");
        assertEquals(Map.of("maxBody", 400), allowance.json(Map.class), allowance::text);
        Reply usage = q.getCall("usage?path=%2Fq");
        assertEquals(Map.of("bytes", 600, "files", 1), usage.json(Map.class), usage::text);

        // chunked, so only the stream tells: it passes 400 bytes and is stopped, nothing stored
        Reply over = q.uploadStream("/q/new.bin", () -> new ByteArrayInputStream(bytes(64 * 1024, 61)));
        assertEquals(413, over.status(), over::toString);
        assertEquals("quota_exceeded", over.reason());
        assertEquals(404, api.stat("/q/new.bin").status());
        assertNoUnfinishedUploads();
        // an announced length that already passes is refused before a byte is read
        assertEquals(413, q.upload("/q/new.bin", bytes(401, 62)).status());
        assertEquals(201, q.upload("/q/new.bin", bytes(400, 63)).status());
        // replacing a file frees its bytes; the largest file (700) still counts
        assertEquals(201, q.upload("/q/old.bin", bytes(600, 64)).status());
        assertEquals(413, q.upload("/q/old.bin", bytes(701, 65)).status());
        assertEquals(600, api.info("/q/old.bin").size(), "the refused replacement left the old file");
        assertEquals(201, q.upload("/q/empty.bin", new byte[0]).status());
        Reply fourth = q.upload("/q/fourth.bin", new byte[0]);
        assertEquals(413, fourth.status(), "three files at most");
        // in a shared folder (outside the home) only the largest file counts
        StorageApi shared = api.withGrant(TestGrants.session(api.tenant(), "/q", AccessRules.of(List.of(
                AccessRule.parseMount("team full /team", null))), new Quota(1000, 3, 700)));
        assertEquals(201, shared.upload("/_shared/team/big.bin", bytes(700, 66)).status());
        assertEquals(413, shared.upload("/_shared/team/bigger.bin", bytes(701, 67)).status());
    }

    @Test
    void theSitesQuotaAndASharedFoldersQuotaStopUploadsWhereverTheyGo() {
        api.upload("/a/one.bin", bytes(500, 70));
        api.upload("/_shared/team/two.bin", bytes(200, 71));
        SiteQuota site = new SiteQuota(new Quota(1000, Quota.UNLIMITED, Quota.UNLIMITED),
                Map.of("team", new Quota(300, 2, Quota.UNLIMITED)));
        StorageApi b = api.withGrant(TestGrants.session(api.tenant(), "/b", AccessRules.of(List.of(
                AccessRule.parseMount("team full /team", null))), Quota.NONE, site));
        // the site holds 700 of 1000: an upload of the user without a quota of its own has 300 left
        Reply allowance = b.getCall("upload-allowance?path=%2Fb%2Fnew.bin");
        assertEquals(Map.of("maxBody", 300), allowance.json(Map.class), allowance::text);
        Reply over = b.uploadStream("/b/new.bin", () -> new ByteArrayInputStream(bytes(64 * 1024, 72)));
        assertEquals(413, over.status(), over::toString);
        assertEquals("quota_exceeded", over.reason());
        assertEquals(404, api.stat("/b/new.bin").status(), "nothing of it stored");
        assertNoUnfinishedUploads();
        // the shared folder holds 200 of 300, less room than the site's
        Reply folder = b.getCall("upload-allowance?path=%2F_shared%2Fteam%2Fx.bin");
        assertEquals(Map.of("maxBody", 100), folder.json(Map.class), folder::text);
        assertEquals(413, b.upload("/_shared/team/x.bin", bytes(101, 73)).status());
        assertEquals(201, b.upload("/_shared/team/x.bin", bytes(100, 74)).status());
        Reply third = b.upload("/_shared/team/third.bin", new byte[0]);
        assertEquals(413, third.status(), "two files at most in the folder");
        // the site now holds 800: 200 left anywhere
        assertEquals(413, b.upload("/b/big.bin", bytes(201, 75)).status());
        assertEquals(201, b.upload("/b/ok.bin", bytes(200, 76)).status());
        Reply usage = api.getCall("usage?path=%2F");
        assertEquals(Map.of("bytes", 1000, "files", 4), usage.json(Map.class), usage::text);
    }

    @Test
    void theSitesLargestFileAppliesBesideTheUsersTheSmallerWinning() {
        SiteQuota site = new SiteQuota(new Quota(Quota.UNLIMITED, Quota.UNLIMITED, 500), Map.of());
        StorageApi anyone = api.withGrant(TestGrants.session(api.tenant(), "/s", AccessRules.of(List.of(
                AccessRule.parseMount("team full /team", null))), Quota.NONE, site));
        Reply allowance = anyone.getCall("upload-allowance?path=%2Fs%2Fnew.bin");
        assertEquals(Map.of("maxBody", 500), allowance.json(Map.class), allowance::text);
        Reply over = anyone.uploadStream("/s/big.bin", () -> new ByteArrayInputStream(bytes(64 * 1024, 80)));
        assertEquals(413, over.status(), over::toString);
        assertEquals("quota_exceeded", over.reason());
        assertEquals(404, api.stat("/s/big.bin").status(), "nothing of it stored");
        assertNoUnfinishedUploads();
        assertEquals(413, anyone.upload("/_shared/team/big.bin", bytes(501, 81)).status(), "in shared folders too");
        assertEquals(201, anyone.upload("/s/ok.bin", bytes(500, 82)).status());
        // a user's own smaller limit wins; a larger one does not lift the site's
        StorageApi smaller = api.withGrant(TestGrants.session(api.tenant(), "/s", AccessRules.NONE,
                new Quota(Quota.UNLIMITED, Quota.UNLIMITED, 200), site));
        assertEquals(Map.of("maxBody", 200), smaller.getCall("upload-allowance?path=%2Fs%2Fx.bin").json(Map.class));
        StorageApi larger = api.withGrant(TestGrants.session(api.tenant(), "/s", AccessRules.NONE,
                new Quota(Quota.UNLIMITED, Quota.UNLIMITED, 9000), site));
        assertEquals(413, larger.upload("/s/x.bin", bytes(501, 83)).status());
    }

    @Test
    void aMoveIntoAFolderWithAQuotaCountsAgainstIt() {
        api.upload("/_shared/open/big.bin", bytes(950, 90));
        SiteQuota site = new SiteQuota(Quota.NONE, Map.of("team", new Quota(300, Quota.UNLIMITED, Quota.UNLIMITED)));
        StorageApi m = api.withGrant(TestGrants.session(api.tenant(), "/m", AccessRules.of(List.of(
                AccessRule.parseMount("team full /team", null), AccessRule.parseMount("open full /open", null))),
                new Quota(1000, 3, Quota.UNLIMITED), site));
        assertEquals(201, m.upload("/m/a.bin", bytes(400, 91)).status());
        assertEquals(201, m.upload("/m/b.bin", bytes(100, 92)).status());

        Reply intoHome = m.rename("/_shared/open/big.bin", "/m/big.bin");
        assertEquals(413, intoHome.status(), intoHome::toString);
        assertEquals("quota_exceeded", intoHome.reason());
        assertEquals(950, api.info("/_shared/open/big.bin").size(), "the refused move left the file where it was");
        Reply intoFolder = m.rename("/m/a.bin", "/_shared/team/a.bin");
        assertEquals(413, intoFolder.status(), intoFolder::toString);
        assertEquals(400, api.info("/m/a.bin").size());
        assertEquals(204, m.rename("/m/b.bin", "/_shared/team/b.bin").status(), "what fits moves");
        assertEquals(204, m.rename("/m/a.bin", "/m/sub/a.bin").status(), "a move inside one folder is not counted");

        api.upload("/_shared/open/dir/x.bin", bytes(100, 93));
        api.upload("/_shared/open/dir/y.bin", bytes(150, 94));
        assertEquals(413, m.rename("/_shared/open/dir", "/_shared/team/dir").status(), "a folder's contents count");
        assertEquals(List.of("x.bin", "y.bin"), api.children("/_shared/open/dir").stream().map(FileInfo::name)
                .toList());

        // three files at most in the home, which holds one: a replaced file frees its place
        for (String n : List.of("c1", "c2", "c3")) {
            api.upload("/_shared/open/" + n, bytes(10, 95));
        }
        assertEquals(204, m.rename("/_shared/open/c1", "/m/c1").status());
        assertEquals(204, m.rename("/_shared/open/c2", "/m/c2").status());
        assertEquals(413, m.rename("/_shared/open/c3", "/m/c3").status(), "a fourth file");
        assertEquals(204, m.rename("/_shared/open/c3", "/m/c2").status(), "replacing one");
    }

    @Test
    void rootAlwaysExists() {
        FileInfo root = api.info("/");
        assertTrue(root.directory());
        assertEquals("/", root.path());
        assertEquals(List.of(), api.children("/"));
        Reply upload = api.upload("/", bytes(1, 29));
        assertEquals(409, upload.status());
        assertEquals("is_a_directory", upload.reason());
    }

    @Test
    void aDownloadTheClientAbandonsIsDroppedAndTheServiceCarriesOn() throws Exception {
        byte[] content = bytes(16 * 1024 * 1024, 32); // more than the socket buffers hold
        api.uploadStream("/abandoned.bin", () -> new ByteArrayInputStream(content));
        double before = counter("wharf.storage.out.bytes");
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + api.target("content?path=%2Fabandoned.bin") + " HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + api.grant() + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertEquals(100_000, socket.getInputStream().readNBytes(100_000).length);
        }
        // the service counts a download's bytes once it has finished with it
        await("the service to give up the abandoned download", () -> counter("wharf.storage.out.bytes") > before);
        assertTrue(counter("wharf.storage.out.bytes") < before + content.length, "it stopped before the end");
        assertArrayEquals(content, api.download("/abandoned.bin", null).body());
    }

    @Test
    void theGatewaysClientSpeaksThisContract() throws Exception {
        // wharf-api's StoragePort adapter is what the gateways use: the contract is only kept if it works with it
        StoragePort port = new HttpStorageClient(new ServiceHttp(ServiceHttp.newClient(Duration.ofSeconds(10)),
                "storage-service", base, Duration.ofSeconds(30)), Duration.ofSeconds(60));
        SessionGrant tenant = new SessionGrant(api.tenant(),
                new IssuedGrant(api.grant(), Instant.now().plus(Duration.ofHours(1))), null);
        byte[] content = bytes(300_000, 33);
        try (Upload up = port.openWrite(tenant, "/gw/file.bin", 0, false)) {
            up.write(content, 0, 100_000);
            up.write(content, 100_000, content.length - 100_000);
        }
        FileInfo info = port.stat(tenant, "/gw/file.bin");
        assertEquals(sha256(content), info.sha256());
        assertEquals(List.of("file.bin"), port.list(tenant, "/gw").stream().map(FileInfo::name).toList());
        try (InputStream in = port.openRead(tenant, "/gw/file.bin", 250_000)) {
            assertArrayEquals(java.util.Arrays.copyOfRange(content, 250_000, content.length), in.readAllBytes());
        }
        try (InputStream in = port.openRead(tenant, "/gw/file.bin", content.length)) {
            assertEquals(0, in.readAllBytes().length, "a resume at the end reads nothing");
        }

        Upload aborted = port.openWrite(tenant, "/gw/aborted.bin", 0, false);
        aborted.write(bytes(200_000, 34));
        aborted.abort();
        aborted.close();
        await("the aborted upload to be over", () -> activeUploads() == 0);
        assertEquals(404, api.stat("/gw/aborted.bin").status(), "an aborted gateway upload leaves nothing");

        try (Upload resumed = port.openWrite(tenant, "/gw/file.bin", 1000, false)) {
            resumed.write(bytes(10, 35));
        }
        assertEquals(1010, port.stat(tenant, "/gw/file.bin").size());
        port.mkdir(tenant, "/gw/sub");
        port.rename(tenant, "/gw/file.bin", "/gw/sub/renamed.bin");
        Instant time = Instant.parse("2024-06-01T10:00:00Z");
        port.setModified(tenant, "/gw/sub/renamed.bin", time);
        assertEquals(time, port.stat(tenant, "/gw/sub/renamed.bin").modified());
        port.delete(tenant, "/gw/sub/renamed.bin");
        port.rmdir(tenant, "/gw/sub");
        WharfException missing = org.junit.jupiter.api.Assertions.assertThrows(WharfException.class,
                () -> port.stat(tenant, "/gw/sub"));
        assertEquals(Reason.NOT_FOUND, missing.reason(), "the reason code travels to the gateway");
        WharfException bad = org.junit.jupiter.api.Assertions.assertThrows(WharfException.class,
                () -> port.stat(tenant, "/gw/../x"));
        assertEquals(Reason.INVALID_PATH, bad.reason());
    }

    @Test
    void readinessChecksTheBackendAndMetricsAreExposed() throws Exception {
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var ready = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready::body);
        assertTrue(ready.body().contains("\"storage-backend\""), ready::body);
        api.upload("/m.bin", bytes(10, 31));
        var metrics = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/q/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("wharf_storage_in_bytes_total"), "bytes-in counter");
        assertTrue(metrics.body().contains("wharf_storage_out_bytes_total"), "bytes-out counter");
        assertTrue(metrics.body().contains("wharf_storage_uploads_active"), "active uploads gauge");
        assertTrue(metrics.body().lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_bucket{")
                        && l.contains("/content\"") && l.contains("le=\"0.01\"") && l.contains("method=\"PUT\"")),
                "the upload's duration lands in the transfer histogram's buckets");
    }

    @Test
    void bytesAreCounted() {
        double in = bytesIn();
        double out = counter("wharf.storage.out.bytes");
        api.upload("/counted.bin", bytes(4096, 30));
        api.download("/counted.bin", null);
        assertTrue(bytesIn() >= in + 4096);
        await("the download to be counted", () -> counter("wharf.storage.out.bytes") >= out + 4096);
    }

    protected double activeUploads() {
        Gauge g = registry.find("wharf.storage.uploads.active").gauge();
        return g == null ? -1 : g.value();
    }

    protected double bytesIn() {
        return counter("wharf.storage.in.bytes");
    }

    private double counter(String name) {
        Counter c = registry.find(name).counter();
        return c == null ? 0 : c.count();
    }

    /** Polls {@code condition} every 10 ms until it holds, for at most {@link #SETTLE}. */
    protected static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        for (int i = 0; i < 5000 && System.nanoTime() < deadline; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        fail("timed out after " + SETTLE + " waiting for " + what);
    }
}
