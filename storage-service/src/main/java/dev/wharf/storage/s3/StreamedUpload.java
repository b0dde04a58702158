package dev.wharf.storage.s3;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
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
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Streams one upload into an object with memory taken from the replica's shared {@link PartBuffers}.
 *
 * <p>Content that fits in one buffer is sent as a single PUT that already carries the SHA-256 in its metadata.
 * Larger content goes through a multipart upload: the object appears only at CompleteMultipartUpload, and any
 * failure aborts the upload, so nothing is left behind. Metadata must be given when the multipart upload is created,
 * before the checksum is known, so the completed object is then copied onto itself with the checksum added
 * (guarded by its ETag: a newer upload that landed meanwhile is never stamped with this one's checksum).
 *
 * <p>Parts grow with the object, because S3 allows 10,000 parts: one buffer per part for the first
 * {@code partsPerStep} parts, then twice as many every {@code partsPerStep} parts, up to 1 GiB; with 8 MiB
 * buffers that reaches about 7 TiB, beyond S3's 5 TiB object limit. A part takes its extra buffers only when they are
 * free (never waiting for them), so uploads never wait on each other mid-transfer; when memory is short, parts stay
 * smaller and a very large object may reach the 10,000th part first, which is refused with a clear reason.
 */
final class StreamedUpload {
    private static final Logger LOG = Logger.getLogger(StreamedUpload.class);
    private static final String OCTETS = "application/octet-stream";
    /** S3's most parts per multipart upload. */
    static final int MAX_PARTS = 10_000;
    /** Largest part this writes: bounds what one upload holds at the end of a multi-terabyte object. */
    private static final long MAX_PART_BYTES = 1L << 30;

    private final S3Objects objects;
    private final PartBuffers buffers;
    private final Duration wait;
    private final int partsPerStep;

    /**
     * @param wait         how long a new upload waits for a free buffer before it is refused (503)
     * @param partsPerStep parts of one size before the part size doubles (500; tests use fewer)
     */
    StreamedUpload(S3Objects objects, PartBuffers buffers, Duration wait, int partsPerStep) {
        this.objects = objects;
        this.buffers = buffers;
        this.wait = wait;
        this.partsPerStep = partsPerStep;
    }

    /** Buffers in part {@code number} (from 1) if free: 1, then doubling every {@code partsPerStep} parts. */
    int chunksFor(int number) {
        int doublings = Math.min(30, (number - 1) / partsPerStep);
        long max = Math.max(1, MAX_PART_BYTES / buffers.chunkSize());
        return (int) Math.min(max, 1L << doublings);
    }

    UploadResult write(String key, String path, UploadContent content) throws IOException {
        byte[] first;
        try {
            first = buffers.acquire(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, "interrupted while waiting for upload memory");
        }
        if (first == null) {
            LOG.warnf("upload of %s refused, reason=%s: all %d upload buffers in use for %s", key,
                    Reason.SERVICE_UNAVAILABLE.code(), buffers.capacity(), wait);
            throw new WharfException(Reason.SERVICE_UNAVAILABLE,
                    "storage is at its upload memory limit: try again in a moment");
        }
        try {
            int n = content.readFully(first);
            if (n < first.length) {
                String sha256 = content.sha256();
                objects.put(key, first, n, S3Objects.metadata(Instant.now(), sha256));
                return new UploadResult(path, content.size(), sha256);
            }
            return multipart(key, path, content, first, n);
        } finally {
            buffers.release(first);
        }
    }

    private UploadResult multipart(String key, String path, UploadContent content, byte[] head, int headLength)
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
            for (int n = headLength; n > 0; n = content.readFully(head)) {
                int number = parts.size() + 1;
                if (number > MAX_PARTS) {
                    throw new WharfException(Reason.UPLOAD_ABORTED, "the object needs more than " + MAX_PARTS
                            + " parts with the upload memory free now: upload it again when the store is less busy");
                }
                parts.add(uploadPart(s3, bucket, key, uploadId, number, content, head, n));
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

    /** Sends one part: {@code head} (already read) and as many more free buffers as the part's size allows. */
    private CompletedPart uploadPart(S3Client s3, String bucket, String key, String uploadId, int number,
                                     UploadContent content, byte[] head, int headLength) throws IOException {
        List<byte[]> extra = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>(List.of(headLength));
        try {
            boolean ended = headLength < head.length;
            for (int want = chunksFor(number) - 1; !ended && extra.size() < want; ) {
                byte[] more = buffers.tryAcquire();
                if (more == null) {
                    break;
                }
                extra.add(more);
                int m = content.readFully(more);
                lengths.add(m);
                ended = m < more.length;
            }
            long length = lengths.stream().mapToLong(Integer::longValue).sum();
            String partTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                            .contentLength(length),
                    RequestBody.fromContentProvider(() -> stream(head, extra, lengths), length, OCTETS)).eTag();
            return CompletedPart.builder().partNumber(number).eTag(partTag).build();
        } finally {
            extra.forEach(buffers::release);
        }
    }

    private static InputStream stream(byte[] head, List<byte[]> extra, List<Integer> lengths) {
        List<InputStream> pieces = new ArrayList<>();
        pieces.add(new ByteArrayInputStream(head, 0, lengths.getFirst()));
        for (int i = 0; i < extra.size(); i++) {
            pieces.add(new ByteArrayInputStream(extra.get(i), 0, lengths.get(i + 1)));
        }
        return new SequenceInputStream(Collections.enumeration(pieces));
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
