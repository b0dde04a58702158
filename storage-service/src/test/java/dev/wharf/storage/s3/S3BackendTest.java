package dev.wharf.storage.s3;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.core.storage.UploadResult;
import dev.wharf.launcher.Ports;
import dev.wharf.launcher.S3ProxyServer;
import dev.wharf.launcher.TestComponents;
import dev.wharf.storage.backend.ByteRange;
import dev.wharf.storage.backend.Download;
import dev.wharf.storage.backend.StoragePath;
import dev.wharf.storage.backend.UploadBody;
import dev.wharf.storage.backend.WriteMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the S3 backend does beyond the HTTP contract, against a real S3Proxy. */
class S3BackendTest {
    private static final int PART = 5 * 1024 * 1024;
    private static S3Client s3;

    @BeforeAll
    static void client() {
        S3ProxyServer server = TestComponents.s3proxy();
        s3 = client(server.endpoint(), server.accessKey(), server.secretKey());
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static S3Client client(String endpoint, String accessKey, String secretKey) {
        return S3Client.builder().httpClientBuilder(ApacheHttpClient.builder())
                .endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    private static String bucket() {
        return "unit-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    @Test
    void createsItsBucketAtStartup() {
        String bucket = bucket();
        new S3Backend(s3, bucket, PART, 4).checkReady();
        s3.headBucket(b -> b.bucket(bucket)); // throws if missing
    }

    @Test
    void copiesObjectsAboveTheSingleCopyLimitPartByPart() throws Exception {
        S3Backend backend = new S3Backend(s3, bucket(), PART, 4, PART, 1000); // limit lowered from 5 GiB to 5 MiB
        byte[] content = new byte[12 * 1024 * 1024 + 3];
        new Random(1).nextBytes(content);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        UploadResult up = backend.write(StoragePath.of("acme", "/big.bin"), WriteMode.REPLACE,
                new UploadBody(new ByteArrayInputStream(content), content.length));
        assertEquals(sha, up.sha256());
        assertEquals(sha, backend.stat(StoragePath.of("acme", "/big.bin")).sha256(),
                "the checksum stamp after the multipart upload is itself a part-by-part copy");

        backend.rename(StoragePath.of("acme", "/big.bin"), StoragePath.of("acme", "/moved/big.bin"));
        Instant time = Instant.parse("2022-02-02T02:02:02Z");
        backend.setModified(StoragePath.of("acme", "/moved/big.bin"), time);
        FileInfo moved = backend.stat(StoragePath.of("acme", "/moved/big.bin"));
        assertEquals(sha, moved.sha256());
        assertEquals(time, moved.modified());
        assertEquals(content.length, moved.size());
        try (Download d = backend.read(StoragePath.of("acme", "/moved/big.bin"), ByteRange.ALL)) {
            assertArrayEquals(content, d.body().readAllBytes());
        }
    }

    @Test
    void partsGrowWithTheObjectSoThatFiveTebibytesFitInTenThousandParts() {
        StreamedUpload uploads = new StreamedUpload(null, new PartBuffers(8 << 20, 1L << 40), Duration.ZERO, 500);
        assertEquals(1, uploads.chunksFor(1));
        assertEquals(1, uploads.chunksFor(500));
        assertEquals(2, uploads.chunksFor(501));
        assertEquals(128, uploads.chunksFor(4000), "1 GiB parts at most");
        assertEquals(128, uploads.chunksFor(StreamedUpload.MAX_PARTS));
        long reach = 0;
        for (int part = 1; part <= StreamedUpload.MAX_PARTS; part++) {
            reach += (long) uploads.chunksFor(part) * (8 << 20);
        }
        assertTrue(reach >= 5L << 40, "reaches " + (reach >> 30) + " GiB");
    }

    @Test
    void grownPartsAreAssembledFromSharedBuffersAndAllAreReturned() throws Exception {
        PartBuffers buffers = new PartBuffers(PART, 8L * PART);
        // part size doubles every part: parts of 1, 2, 4 buffers
        S3Backend backend = new S3Backend(s3, bucket(), 4, S3Objects.MAX_SINGLE_COPY, 1000, buffers,
                Duration.ofSeconds(1), 1);
        byte[] content = new byte[6 * PART + 12345];
        new Random(2).nextBytes(content);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        UploadResult up = backend.write(StoragePath.of("acme", "/grown.bin"), WriteMode.REPLACE,
                new UploadBody(new ByteArrayInputStream(content), content.length));
        assertEquals(sha, up.sha256());
        try (Download d = backend.read(StoragePath.of("acme", "/grown.bin"), ByteRange.ALL)) {
            assertArrayEquals(content, d.body().readAllBytes());
        }
        assertEquals(buffers.capacity(), buffers.available(), "every buffer is back in the pool");
    }

    @Test
    void anUploadBeyondTheUploadMemoryIsRefusedWith503AndTheNextOneGoesThrough() throws Exception {
        PartBuffers buffers = new PartBuffers(PART, PART); // one buffer for everybody
        S3Backend backend = new S3Backend(s3, bucket(), 4, S3Objects.MAX_SINGLE_COPY, 1000, buffers,
                Duration.ofMillis(200), 500);
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream slow = new PipedInputStream(feed, 64 * 1024);
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<UploadResult> holding = pool.submit(() -> backend.write(StoragePath.of("acme", "/slow.bin"),
                    WriteMode.REPLACE, new UploadBody(slow, 3)));
            feed.write(1);
            feed.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (buffers.available() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the first upload takes the only buffer right away
            }
            assertEquals(0, buffers.available(), "the first upload holds the only buffer");
            WharfException busy = assertThrows(WharfException.class, () -> backend.write(
                    StoragePath.of("acme", "/refused.bin"), WriteMode.REPLACE,
                    new UploadBody(new ByteArrayInputStream(new byte[]{1}), 1)));
            assertEquals(Reason.SERVICE_UNAVAILABLE, busy.reason());
            feed.write(new byte[]{2, 3});
            feed.close();
            assertEquals(3, holding.get(10, TimeUnit.SECONDS).size());
        }
        assertEquals(1, buffers.available());
        assertEquals(1, backend.write(StoragePath.of("acme", "/after.bin"), WriteMode.REPLACE,
                new UploadBody(new ByteArrayInputStream(new byte[]{1}), 1)).size());
    }

    @Test
    void listsRenamesAndDeletesPageByPage() throws Exception {
        String bucket = bucket();
        S3Backend backend = new S3Backend(s3, bucket, PART, 16, S3Objects.MAX_SINGLE_COPY, 7); // pages of 7, not 1000
        int count = 23;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> puts = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = "acme/many/f" + i;
                puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x"))));
            }
            for (Future<?> f : puts) {
                f.get();
            }
        }
        assertEquals(count, backend.list(StoragePath.of("acme", "/many")).size());
        backend.rename(StoragePath.of("acme", "/many"), StoragePath.of("acme", "/moved"));
        assertEquals(count, backend.list(StoragePath.of("acme", "/moved")).size());
        assertEquals(count, s3.listObjectsV2(b -> b.bucket(bucket).prefix("acme/")).keyCount(), "sources deleted");
        assertEquals(Reason.NOT_FOUND,
                assertThrows(WharfException.class, () -> backend.stat(StoragePath.of("acme", "/many"))).reason());
        assertEquals(List.of("moved"),
                backend.list(StoragePath.root("acme")).stream().map(FileInfo::name).toList());
    }

    @Test
    void notReadyWhileTheStoreIsUnreachable() throws IOException {
        int port = Ports.free(); // nothing listens there
        try (S3Client unreachable = client("http://127.0.0.1:" + port, "none", "none")) {
            S3Backend backend = new S3Backend(unreachable, bucket(), PART, 4);
            WharfException e = assertThrows(WharfException.class, backend::checkReady);
            assertEquals(Reason.SERVICE_UNAVAILABLE, e.reason());
            WharfException stat = assertThrows(WharfException.class, () -> backend.stat(StoragePath.of("a", "/x")));
            assertEquals(Reason.SERVICE_UNAVAILABLE, stat.reason());
            assertTrue(stat.getMessage().contains("unreachable"), stat::getMessage);
        }
    }
}
