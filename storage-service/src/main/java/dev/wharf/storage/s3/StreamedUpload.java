package dev.wharf.storage.s3;

import dev.wharf.core.storage.UploadResult;
import dev.wharf.storage.backend.UploadContent;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams one upload into an object with memory bounded by one part buffer.
 *
 * <p>Content that fits in one part is sent as a single PUT that already carries the SHA-256 in its metadata.
 * Larger content goes through a multipart upload: the object appears only at CompleteMultipartUpload, and any
 * failure aborts the upload, so nothing is left behind. Metadata must be given when the multipart upload is created,
 * before the checksum is known, so the completed object is then copied onto itself with the checksum added
 * (guarded by its ETag: a newer upload that landed meanwhile is never stamped with this one's checksum).
 */
final class StreamedUpload {
    private static final Logger LOG = Logger.getLogger(StreamedUpload.class);
    private static final String OCTETS = "application/octet-stream";

    private final S3Objects objects;
    private final int partSize;

    StreamedUpload(S3Objects objects, int partSize) {
        this.objects = objects;
        this.partSize = partSize;
    }

    UploadResult write(String key, String path, UploadContent content) throws IOException {
        byte[] buffer = new byte[partSize];
        int n = content.readFully(buffer);
        if (n < partSize) {
            String sha256 = content.sha256();
            objects.put(key, buffer, n, S3Objects.metadata(Instant.now(), sha256));
            return new UploadResult(path, content.size(), sha256);
        }
        return multipart(key, path, content, buffer, n);
    }

    private UploadResult multipart(String key, String path, UploadContent content, byte[] buffer, int first)
            throws IOException {
        S3Client s3 = objects.client();
        String bucket = objects.bucket();
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(OCTETS)).uploadId();
        } catch (SdkException e) {
            throw S3Objects.translate("start the upload of " + key, e);
        }
        String eTag;
        boolean completed = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int n = first; n > 0; n = content.readFully(buffer)) {
                int number = parts.size() + 1;
                int length = n;
                String partTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                                .contentLength((long) length),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, OCTETS))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(partTag).build());
            }
            eTag = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())).eTag();
            completed = true;
        } catch (SdkException e) {
            throw S3Objects.translate("upload " + key, e);
        } finally {
            if (!completed) {
                objects.abortQuietly(key, uploadId);
            }
        }
        String sha256 = content.sha256();
        long size = content.size();
        stampChecksum(key, size, sha256, eTag);
        return new UploadResult(path, size, sha256);
    }

    private void stampChecksum(String key, long size, String sha256, String eTag) {
        try {
            if (!objects.copy(key, key, size, S3Objects.metadata(Instant.now(), sha256), eTag)) {
                LOG.infof("%s was replaced before its checksum was stamped; the newer upload stands", key);
            }
        } catch (RuntimeException e) {
            // the bytes are stored and complete; only the stored checksum is missing (stat answers without one)
            LOG.warnf("uploaded %s but could not store its SHA-256: %s", key, e.toString());
        }
    }
}
