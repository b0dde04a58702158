package dev.wharf.storage.backend;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Storage settings ({@code wharf.storage.*}, or {@code WHARF_STORAGE_*} in the environment). */
@ConfigMapping(prefix = "wharf.storage")
public interface StorageConfig {
    /** Which backend holds the files: {@code local} (a folder on disk) or {@code s3} (an S3-compatible store). */
    @WithDefault("local")
    Kind backend();

    /** Settings of the local-disk backend. */
    Local local();

    /** Settings of the S3 backend. */
    S3 s3();

    /** The backends this service knows. */
    enum Kind {
        local, s3
    }

    /** The local-disk backend ({@code wharf.storage.local.*}). */
    interface Local {
        /** Folder that holds one sub-folder per tenant (created if missing). */
        @WithDefault("./data/storage")
        String root();

        /** Where each file's SHA-256 is kept: {@code auto} (xattr when the file system supports it), {@code xattr} or {@code sidecar}. */
        @WithDefault("auto")
        ChecksumMode checksums();

        /** Unfinished uploads left in the staging folder (a crash) are removed at startup once they are this old. */
        @WithDefault("PT24H")
        Duration stagingMaxAge();
    }

    /** Where the local backend keeps checksums. */
    enum ChecksumMode {
        auto, xattr, sidecar
    }

    /** The S3 backend ({@code wharf.storage.s3.*}). */
    interface S3 {
        /** Endpoint URL of the S3-compatible store; empty means AWS S3 itself. */
        Optional<String> endpoint();

        /** Signing region. */
        @WithDefault("us-east-1")
        String region();

        /** Bucket that holds every tenant's files under the key prefix {@code <tenant>/} (created at startup if missing). */
        @WithDefault("wharf")
        String bucket();

        /** Access key id; empty means the SDK's default credential chain (environment, profile, web identity). */
        Optional<String> accessKey();

        /** Secret access key (never logged). */
        Optional<String> secretKey();

        /** Path-style addressing ({@code endpoint/bucket/key}), which most S3-compatible stores need. */
        @WithDefault("true")
        boolean pathStyle();

        /** Multipart part size and upload buffer size; S3 requires at least 5 MiB. Parts grow from it. */
        @WithDefault("8388608")
        int partSize();

        /** Bytes of part buffers all uploads of this replica share (its upload memory, whatever the uploads). */
        @WithDefault("268435456")
        long uploadMemory();

        /** How long a new upload waits for a free part buffer before it is refused with 503. */
        @WithDefault("PT10S")
        Duration uploadMemoryWait();

        /** Most metadata requests (HEAD) one listing runs at the same time. */
        @WithDefault("16")
        int listConcurrency();

        /** Most connections to the store. */
        @WithDefault("64")
        int maxConnections();

        /** Connect timeout towards the store. */
        @WithDefault("PT10S")
        Duration connectTimeout();

        /** Socket read timeout towards the store. */
        @WithDefault("PT60S")
        Duration socketTimeout();

        /**
         * Bound of one attempt of one request, body included: the socket timeout bounds reads only, and a store
         * that stops reading a part's body would hold the upload (and the client's transfer) forever.
         */
        @WithDefault("PT5M")
        Duration attemptTimeout();

        /**
         * Multipart uploads started longer ago are aborted: by a bucket lifecycle rule (rounded up to whole days)
         * where the store has them, and by storage-service's own sweep when it starts.
         */
        @WithDefault("PT24H")
        Duration incompleteUploadMaxAge();
    }
}
