package dev.wharf.storage.contract;

import dev.wharf.launcher.S3ProxyServer;
import dev.wharf.launcher.TestComponents;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points storage-service at the JVM's S3Proxy, with a bucket of its own (the service creates it). */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {
    /** The smallest part S3 allows: a test reaches multipart uploads with modest files. */
    public static final int PART_SIZE = 5 * 1024 * 1024;

    @Override
    public Map<String, String> start() {
        S3ProxyServer s3 = TestComponents.s3proxy();
        return Map.of("wharf.storage.backend", "s3",
                "wharf.storage.s3.endpoint", s3.endpoint(),
                "wharf.storage.s3.access-key", s3.accessKey(),
                "wharf.storage.s3.secret-key", s3.secretKey(),
                "wharf.storage.s3.bucket", "contract-" + Data.tenant(),
                "wharf.storage.s3.part-size", String.valueOf(PART_SIZE));
    }

    @Override
    public void stop() {
        // the S3Proxy process is the JVM's; TestComponents stops it at exit
    }
}
