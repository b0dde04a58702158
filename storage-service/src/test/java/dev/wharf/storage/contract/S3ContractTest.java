package dev.wharf.storage.contract;

import dev.wharf.storage.backend.StorageConfig;
import dev.wharf.storage.s3.S3Clients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract on the S3 backend, against a real S3Proxy. */
@QuarkusTest
@TestProfile(S3ContractTest.Profile.class)
class S3ContractTest extends StorageContractTest {
    private static S3Client s3;

    /** S3 backend on the JVM's S3Proxy. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ProxyResource.class));
        }
    }

    @Inject
    StorageConfig config;

    @AfterAll
    static void closeClient() {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
    }

    private S3Client s3() {
        if (s3 == null) {
            s3 = S3Clients.create(config.s3());
        }
        return s3;
    }

    @Override
    protected int abortedBodySize() {
        return S3ProxyResource.PART_SIZE + 1024 * 1024; // one part is sent to the store before the body breaks off
    }

    @Override
    protected void assertNoUnfinishedUploads() {
        await("no multipart upload left in " + config.s3().bucket(),
                () -> s3().listMultipartUploads(b -> b.bucket(config.s3().bucket())).uploads().isEmpty());
    }

    @Test
    void theLeftoverCheckSeesUnfinishedMultipartUploads() {
        // guards the contract's "leaves nothing" assertions against a store that never lists unfinished uploads
        String bucket = config.s3().bucket();
        String uploadId = s3().createMultipartUpload(b -> b.bucket(bucket).key(api.tenant() + "/pending")).uploadId();
        try {
            assertEquals(List.of(uploadId), s3().listMultipartUploads(b -> b.bucket(bucket)).uploads().stream()
                    .map(u -> u.uploadId()).toList());
        } finally {
            s3().abortMultipartUpload(b -> b.bucket(bucket).key(api.tenant() + "/pending").uploadId(uploadId));
        }
        assertNoUnfinishedUploads();
    }

    @Test
    void keysAreTenantPrefixedAndFoldersAreMarkers() {
        api.upload("/k/file.txt", Data.bytes(10, 50));
        api.mkdir("/m");
        List<String> keys = s3().listObjectsV2(b -> b.bucket(config.s3().bucket()).prefix(api.tenant() + "/"))
                .contents().stream().map(S3Object::key).toList();
        assertEquals(List.of(api.tenant() + "/k/file.txt", api.tenant() + "/m/"), keys);
        var head = s3().headObject(b -> b.bucket(config.s3().bucket()).key(api.tenant() + "/k/file.txt"));
        assertEquals(Data.sha256(Data.bytes(10, 50)), head.metadata().get("sha256"), "x-amz-meta-sha256");
        assertTrue(head.metadata().containsKey("mtime"));
    }
}
