package dev.wharf.storage.s3;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The object-store operations the S3 backend is built from, each translating store failures into reasons:
 * unreachable or 5xx is {@code service_unavailable}, anything else unexpected is {@code internal_error}.
 */
final class S3Objects {
    private static final Logger LOG = Logger.getLogger(S3Objects.class);
    /** Largest object a single CopyObject may copy. */
    static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;
    private static final long COPY_PART = 512L * 1024 * 1024;
    /** Most keys S3 returns in one listing page and accepts in one DeleteObjects. */
    static final int MAX_PAGE = 1000;
    private static final String OCTETS = "application/octet-stream";

    private final S3Client s3;
    private final String bucket;
    private final long singleCopyLimit;
    private final int pageSize;

    S3Objects(S3Client s3, String bucket, long singleCopyLimit, int pageSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.singleCopyLimit = singleCopyLimit;
        this.pageSize = pageSize;
    }

    S3Client client() {
        return s3;
    }

    String bucket() {
        return bucket;
    }

    /** The object's head, or empty when there is no such key. */
    Optional<ObjectHead> head(String key) {
        try {
            HeadObjectResponse r = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new ObjectHead(key, r.contentLength(), r.lastModified(), r.eTag(), r.metadata()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw translate("head " + key, e);
        } catch (SdkException e) {
            throw translate("head " + key, e);
        }
    }

    /** Up to {@code max} keys under {@code prefix} (no delimiter), in key order. */
    List<S3Object> firstKeys(String prefix, int max) {
        try {
            return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(max)).contents();
        } catch (SdkException e) {
            throw translate("list " + prefix, e);
        }
    }

    /** Every page of a listing; {@code delimiter} null lists the whole tree under {@code prefix}. */
    void listAll(String prefix, String delimiter, Consumer<ListObjectsV2Response> page) {
        String token = null;
        do {
            ListObjectsV2Request.Builder b = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).maxKeys(pageSize);
            if (delimiter != null) {
                b.delimiter(delimiter);
            }
            if (token != null) {
                b.continuationToken(token);
            }
            ListObjectsV2Response r;
            try {
                r = s3.listObjectsV2(b.build());
            } catch (SdkException e) {
                throw translate("list " + prefix, e);
            }
            page.accept(r);
            token = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
        } while (token != null);
    }

    /** Writes a small object whole, metadata included, in one request. */
    void put(String key, byte[] bytes, int length, Map<String, String> metadata) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(OCTETS).metadata(metadata),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, OCTETS));
        } catch (SdkException e) {
            throw translate("put " + key, e);
        }
    }

    void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw translate("delete " + key, e);
        }
    }

    /** Deletes many keys, a page at a time. */
    void deleteAll(List<String> keys) {
        for (int i = 0; i < keys.size(); i += pageSize) {
            List<ObjectIdentifier> ids = keys.subList(i, Math.min(keys.size(), i + pageSize)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            DeleteObjectsResponse r;
            try {
                r = s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build()));
            } catch (SdkException e) {
                throw translate("delete " + ids.size() + " objects", e);
            }
            if (r.hasErrors() && !r.errors().isEmpty()) {
                throw new WharfException(Reason.SERVICE_UNAVAILABLE,
                        "the store did not delete " + r.errors().size() + " objects, first " + r.errors().get(0).key()
                                + ": " + r.errors().get(0).code());
            }
        }
    }

    /**
     * Copies {@code source} to {@code target} with {@code metadata} replacing the source's. With {@code ifMatch} the
     * copy only happens while the source is still that version; returns false when it no longer is.
     * Objects above the single-copy limit (5 GiB on S3) are copied part by part.
     */
    boolean copy(String source, String target, long size, Map<String, String> metadata, String ifMatch) {
        try {
            if (size <= singleCopyLimit) {
                s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(source).destinationBucket(bucket)
                        .destinationKey(target).metadataDirective(MetadataDirective.REPLACE).metadata(metadata)
                        .contentType(OCTETS).copySourceIfMatch(ifMatch));
            } else {
                copyInParts(source, target, size, metadata, ifMatch);
            }
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return false;
            }
            if (e.statusCode() == 404) {
                throw new WharfException(Reason.NOT_FOUND, "the object " + source + " disappeared during a copy");
            }
            throw translate("copy " + source, e);
        } catch (SdkException e) {
            throw translate("copy " + source, e);
        }
    }

    private void copyInParts(String source, String target, long size, Map<String, String> metadata, String ifMatch) {
        // at most 10,000 parts, each no larger than a single copy may be
        long partSize = Math.max(Math.min(COPY_PART, singleCopyLimit), (size + 9_999) / 10_000);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(target).contentType(OCTETS)
                .metadata(metadata)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long first = 0; first < size; first += partSize) {
                int number = parts.size() + 1;
                String range = "bytes=" + first + "-" + (Math.min(size, first + partSize) - 1);
                String eTag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(source)
                        .destinationBucket(bucket).destinationKey(target).uploadId(uploadId).partNumber(number)
                        .copySourceRange(range).copySourceIfMatch(ifMatch)).copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(target).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (RuntimeException e) {
            abortQuietly(target, uploadId);
            throw e;
        }
    }

    void abortQuietly(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // the bucket's lifecycle rule for incomplete multipart uploads is the backstop
            LOG.warnf("could not abort the multipart upload of %s: %s", key, e.toString());
        }
    }

    /** Metadata for a new object or marker: its modification time, plus {@code sha256} when known. */
    static Map<String, String> metadata(Instant modified, String sha256) {
        return sha256 == null
                ? Map.of(ObjectHead.MTIME, modified.toString())
                : Map.of(ObjectHead.MTIME, modified.toString(), ObjectHead.SHA256, sha256);
    }

    /** Maps a store failure to a reason: the store is away or failing, or the request was wrong (a bug). */
    static WharfException translate(String what, SdkException e) {
        if (e instanceof SdkClientException) {
            return new WharfException(Reason.SERVICE_UNAVAILABLE, "object store unreachable (" + what + "): " + e.getMessage(), e);
        }
        if (e instanceof S3Exception s && (s.statusCode() >= 500 || s.statusCode() == 403 || s.statusCode() == 429)) {
            return new WharfException(Reason.SERVICE_UNAVAILABLE,
                    "object store refused " + what + " (HTTP " + s.statusCode() + "): " + code(s), e);
        }
        int status = e instanceof S3Exception s ? s.statusCode() : 0;
        return new WharfException(Reason.INTERNAL_ERROR,
                "object store failed " + what + " (HTTP " + status + "): " + e.getMessage(), e);
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null ? String.valueOf(e.getMessage()) : e.awsErrorDetails().errorCode();
    }
}
