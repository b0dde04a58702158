package dev.wharf.storage.s3;

import dev.wharf.storage.backend.StorageConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.net.URI;

/** Builds the S3 client from {@code wharf.storage.s3.*}. */
public final class S3Clients {
    private S3Clients() {
    }

    /** A blocking client on the Apache HTTP client (no Netty: Quarkus brings its own), without spans. */
    public static S3Client create(StorageConfig.S3 config) {
        return create(config, OpenTelemetry.noop().getTracer("wharf"));
    }

    /** The same client, each S3 call a span of {@code tracer} ({@link S3Spans}). */
    public static S3Client create(StorageConfig.S3 config, Tracer tracer) {
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(config.maxConnections())
                        .connectionTimeout(config.connectTimeout())
                        .socketTimeout(config.socketTimeout()))
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(config.attemptTimeout())
                        .addExecutionInterceptor(new S3Spans(tracer)))
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                // S3-compatible stores differ in their support of the newer flexible checksums; Wharf keeps its own
                // SHA-256, so the SDK adds checksums only where the API requires one
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials(config));
        config.endpoint().filter(e -> !e.isBlank()).ifPresent(e -> b.endpointOverride(URI.create(e)));
        return b.build();
    }

    private static AwsCredentialsProvider credentials(StorageConfig.S3 config) {
        if (config.accessKey().filter(k -> !k.isBlank()).isPresent()) {
            String secret = config.secretKey().orElseThrow(() -> new IllegalStateException(
                    "wharf.storage.s3.access-key is set but wharf.storage.s3.secret-key is not"));
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey().get(), secret));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
