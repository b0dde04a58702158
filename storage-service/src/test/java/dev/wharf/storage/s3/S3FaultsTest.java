package dev.wharf.storage.s3;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.launcher.S3ProxyServer;
import dev.wharf.launcher.TestComponents;
import dev.wharf.storage.backend.ByteRange;
import dev.wharf.storage.backend.StoragePath;
import dev.wharf.storage.backend.UploadBody;
import dev.wharf.storage.backend.WriteMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The object store failing on multipart part N, through a fault-injecting proxy in front of a real S3Proxy: the
 * upload fails with a reason, no object is visible and no multipart upload is left behind; and what a storage-service
 * killed mid-upload leaves (an upload nobody aborts) is swept when storage-service starts again.
 */
class S3FaultsTest {
    private static final int PART = 5 * 1024 * 1024;
    private static FaultyProxy proxy;
    private static S3Client direct;
    private static S3Client proxied;
    private static S3Client impatient;

    @BeforeAll
    static void start() throws IOException {
        S3ProxyServer server = TestComponents.s3proxy();
        URI endpoint = URI.create(server.endpoint());
        proxy = new FaultyProxy(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
        direct = client(server.endpoint(), server, Duration.ofSeconds(60));
        proxied = client(proxy.endpoint(), server, Duration.ofSeconds(60));
        // wharf.storage.s3.attempt-timeout scaled down (5 min by default), so the case stays short
        impatient = client(proxy.endpoint(), server, Duration.ofSeconds(4));
    }

    @AfterAll
    static void stop() throws IOException {
        direct.close();
        proxied.close();
        impatient.close();
        proxy.close();
    }

    private static S3Client client(String endpoint, S3ProxyServer server, Duration attemptTimeout) {
        return S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(20)))
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(attemptTimeout)) // as S3Clients sets it
                .endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .build();
    }

    @ParameterizedTest
    @EnumSource(value = FaultyProxy.Fault.class, names = {"ERROR_500", "RESET"})
    void aFailingPartAbortsTheUploadAndLeavesNoObjectAndNoMultipartUpload(FaultyProxy.Fault fault) {
        String bucket = "faults-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        S3Backend backend = new S3Backend(proxied, bucket, PART, 4);
        backend.checkReady();
        byte[] content = new byte[3 * PART + 17];
        new Random(3).nextBytes(content);
        int before = proxy.injected();
        // every attempt at part 2 fails (the SDK retries): the upload cannot complete
        proxy.inject(line -> line.startsWith("PUT ") && line.contains("partNumber=2"), fault, Duration.ZERO);
        long start = System.nanoTime();
        try {
            WharfException e = assertThrows(WharfException.class, () -> backend.write(
                    StoragePath.of("acme", "/big.bin"), WriteMode.REPLACE,
                    new UploadBody(new ByteArrayInputStream(content), content.length)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(proxy.injected() > before, "the fault was injected");
            assertThrows(NoSuchKeyException.class,
                    () -> direct.headObject(b -> b.bucket(bucket).key("acme/big.bin")).contentLength(),
                    "no object");
            assertEquals(0, direct.listMultipartUploads(b -> b.bucket(bucket)).uploads().size(),
                    "the multipart upload was aborted");
            System.out.printf("FAULT fault=s3-%s-on-part-2 protocol=s3 millis=%d reply=\"%s\" attempts=%d%n",
                    fault.name().toLowerCase(java.util.Locale.ROOT), millis,
                    e.getMessage().replace('"', '\''), proxy.injected() - before);
        } finally {
            proxy.heal();
        }
        backend.write(StoragePath.of("acme", "/big.bin"), WriteMode.REPLACE,
                new UploadBody(new ByteArrayInputStream(content), content.length));
        assertEquals(content.length, direct.headObject(b -> b.bucket(bucket).key("acme/big.bin")).contentLength(),
                "the same upload succeeds once the store answers again");
    }

    @Test
    void aPartSlowerThanTheAttemptTimeoutFailsTheUploadInBoundedTimeAndASlowButInTimeOneSucceeds() {
        String bucket = "slow-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        S3Backend backend = new S3Backend(impatient, bucket, PART, 4);
        backend.checkReady();
        byte[] content = new byte[2 * PART + 5];
        new Random(5).nextBytes(content);
        int before = proxy.injected();
        proxy.inject(line -> line.startsWith("PUT ") && line.contains("partNumber=2"), FaultyProxy.Fault.DELAY,
                Duration.ofSeconds(30));
        long start = System.nanoTime();
        try {
            WharfException e = assertThrows(WharfException.class, () -> backend.write(
                    StoragePath.of("acme", "/slow.bin"), WriteMode.REPLACE,
                    new UploadBody(new ByteArrayInputStream(content), content.length)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            // 4 attempts of 4 s and the back-off between them: less than one 30 s stall
            assertTrue(millis < 29_000, "each attempt ends at the attempt timeout, not after the 30 s: " + millis);
            assertEquals(Reason.SERVICE_UNAVAILABLE, e.reason(), e.getMessage());
            assertThrows(NoSuchKeyException.class,
                    () -> direct.headObject(b -> b.bucket(bucket).key("acme/slow.bin")).contentLength(), "no object");
            assertEquals(0, direct.listMultipartUploads(b -> b.bucket(bucket)).uploads().size(),
                    "the multipart upload was aborted");
            System.out.printf("FAULT fault=s3-30s-latency-on-part-2 protocol=s3 millis=%d reply=\"%s\" attempts=%d%n",
                    millis, e.getMessage().replace('"', '\''), proxy.injected() - before);

            // latency under the attempt timeout only slows the upload down
            proxy.inject(line -> line.startsWith("PUT ") && line.contains("partNumber=2"), FaultyProxy.Fault.DELAY,
                    Duration.ofSeconds(1));
            long slowStart = System.nanoTime();
            backend.write(StoragePath.of("acme", "/slow.bin"), WriteMode.REPLACE,
                    new UploadBody(new ByteArrayInputStream(content), content.length));
            long slowMillis = (System.nanoTime() - slowStart) / 1_000_000;
            assertEquals(content.length, direct.headObject(b -> b.bucket(bucket).key("acme/slow.bin")).contentLength());
            System.out.printf("FAULT fault=s3-1s-latency-on-part-2 protocol=s3 millis=%d reply=\"stored\"%n",
                    slowMillis);
        } finally {
            proxy.heal();
        }
    }

    @Test
    void anObjectStoreDownAtOpenRefusesUploadAndDownloadAsUnavailableAndLeavesNothing() throws IOException {
        String bucket = "down-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        byte[] content = new byte[1000];
        new Random(5).nextBytes(content);
        S3ProxyServer server = TestComponents.s3proxy();
        URI endpoint = URI.create(server.endpoint());
        // a proxy of its own, closed once the file is stored: the store's port then refuses connections (down)
        FaultyProxy gone = new FaultyProxy(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
        try (S3Client client = client(gone.endpoint(), server, Duration.ofSeconds(60))) {
            S3Backend backend = new S3Backend(client, bucket, PART, 4);
            backend.checkReady();
            backend.write(StoragePath.of("acme", "/there.bin"), WriteMode.REPLACE,
                    new UploadBody(new ByteArrayInputStream(content), content.length));
            gone.close();

            long start = System.nanoTime();
            WharfException up = assertThrows(WharfException.class, () -> backend.write(
                    StoragePath.of("acme", "/new.bin"), WriteMode.REPLACE,
                    new UploadBody(new ByteArrayInputStream(content), content.length)));
            long upMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Reason.SERVICE_UNAVAILABLE, up.reason(), up.getMessage());
            start = System.nanoTime();
            WharfException down = assertThrows(WharfException.class,
                    () -> backend.read(StoragePath.of("acme", "/there.bin"), ByteRange.ALL));
            long downMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Reason.SERVICE_UNAVAILABLE, down.reason(), down.getMessage());
            assertThrows(NoSuchKeyException.class, () -> direct.headObject(b -> b.bucket(bucket).key("acme/new.bin")),
                    "nothing stored for the refused upload");
            assertEquals(0, direct.listMultipartUploads(b -> b.bucket(bucket)).uploads().size());
            System.out.printf("FAULT fault=s3-down-at-open-upload protocol=s3 millis=%d reply=\"%s\"%n", upMillis,
                    up.getMessage().replace('"', '\''));
            System.out.printf("FAULT fault=s3-down-at-open-download protocol=s3 millis=%d reply=\"%s\"%n",
                    downMillis, down.getMessage().replace('"', '\''));
        }
        // the store itself still has the file: once it is reachable again it serves it
        assertEquals(content.length, direct.headObject(b -> b.bucket(bucket).key("acme/there.bin")).contentLength());
    }

    @Test
    void aStartingStorageServiceAbortsTheMultipartUploadsAKilledOneLeft() {
        String bucket = "sweep-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        new S3Backend(direct, bucket, PART, 4).checkReady();
        // what a storage-service killed between two parts leaves: an upload with a part and no completion
        String uploadId = direct.createMultipartUpload(b -> b.bucket(bucket).key("acme/killed.bin")).uploadId();
        direct.uploadPart(b -> b.bucket(bucket).key("acme/killed.bin").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[PART]));
        assertEquals(1, direct.listMultipartUploads(b -> b.bucket(bucket)).uploads().size());

        new S3Backend(direct, bucket, PART, 4, Duration.ofHours(1)); // started too recently to be swept
        assertEquals(1, direct.listMultipartUploads(b -> b.bucket(bucket)).uploads().size(),
                "an upload younger than the maximum age may still be running on another replica");
        new S3Backend(direct, bucket, PART, 4, Duration.ZERO); // the next start, past the maximum age
        assertEquals(0, direct.listMultipartUploads(b -> b.bucket(bucket)).uploads().size(), "swept at start");
        assertThrows(NoSuchKeyException.class, () -> direct.headObject(b -> b.bucket(bucket).key("acme/killed.bin")));
    }
}
