package dev.wharf.storage.backend;

import dev.wharf.storage.local.LocalBackend;
import dev.wharf.storage.s3.S3Backend;
import dev.wharf.storage.s3.S3Clients;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;

/** Creates the one {@link StorageBackend} that {@code wharf.storage.backend} names, at startup. */
@ApplicationScoped
public class BackendProducer {
    private static final Logger LOG = Logger.getLogger(BackendProducer.class);

    private S3Client s3;

    @Produces
    @ApplicationScoped
    @Startup
    StorageBackend backend(StorageConfig config, Tracer tracer) {
        return switch (config.backend()) {
            case local -> new LocalBackend(Path.of(config.local().root()), config.local().checksums(),
                    config.local().stagingMaxAge());
            case s3 -> {
                s3 = S3Clients.create(config.s3(), tracer);
                LOG.infof("S3 storage: endpoint %s, bucket %s, path-style %s", config.s3().endpoint().orElse("(AWS)"),
                        config.s3().bucket(), config.s3().pathStyle());
                yield new S3Backend(s3, config.s3().bucket(), config.s3().partSize(), config.s3().listConcurrency(),
                        config.s3().uploadMemory(), config.s3().uploadMemoryWait(),
                        config.s3().incompleteUploadMaxAge());
            }
        };
    }

    void close(@Disposes StorageBackend backend) {
        if (s3 != null) {
            s3.close();
        }
    }
}
