package dev.wharf.storage.s3;

import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortIncompleteMultipartUpload;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Multipart uploads nobody will finish: a storage-service killed mid-upload cannot abort its own. The bucket gets a
 * lifecycle rule that aborts them where the store supports one, and storage-service sweeps them itself at start
 * (the store may not, S3Proxy for one), so neither alone has to be trusted.
 */
final class IncompleteUploads {
    private static final Logger LOG = Logger.getLogger(IncompleteUploads.class);
    /** The rule's id in the bucket's lifecycle configuration. */
    static final String RULE_ID = "wharf-abort-incomplete-multipart-uploads";
    /** Pages of ListMultipartUploads read per sweep: bounds one sweep's time. */
    private static final int MAX_PAGES = 100;

    private IncompleteUploads() {
    }

    /**
     * Adds the abort rule to the bucket's lifecycle configuration (keeping the operator's rules); false where the
     * store has no lifecycle support or refuses it.
     */
    static boolean ensureLifecycleRule(S3Client s3, String bucket, Duration maxAge) {
        List<LifecycleRule> rules = new ArrayList<>();
        try {
            rules.addAll(s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules());
        } catch (S3Exception e) {
            if (e.statusCode() != 404) { // 404: NoSuchLifecycleConfiguration, none yet
                LOG.infof("bucket %s: no lifecycle rules here (%s): incomplete multipart uploads are swept at start",
                        bucket, e.awsErrorDetails() == null ? e.statusCode() : e.awsErrorDetails().errorCode());
                return false;
            }
        }
        if (rules.stream().anyMatch(r -> r.abortIncompleteMultipartUpload() != null)) {
            return true; // the operator's own rule, or ours from an earlier start
        }
        int days = (int) Math.max(1, (maxAge.toHours() + 23) / 24);
        rules.add(LifecycleRule.builder().id(RULE_ID).status(ExpirationStatus.ENABLED)
                .filter(LifecycleRuleFilter.builder().prefix("").build())
                .abortIncompleteMultipartUpload(AbortIncompleteMultipartUpload.builder()
                        .daysAfterInitiation(days).build())
                .build());
        try {
            s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
                    .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(rules).build()));
            LOG.infof("bucket %s: lifecycle rule %s aborts multipart uploads after %d day(s)", bucket, RULE_ID, days);
            return true;
        } catch (SdkException e) {
            LOG.infof("bucket %s: lifecycle rule not set (%s): incomplete multipart uploads are swept at start",
                    bucket, e.getMessage());
            return false;
        }
    }

    /** Aborts the multipart uploads started more than {@code maxAge} ago; returns how many. */
    static int sweep(S3Client s3, String bucket, Duration maxAge) {
        Instant before = Instant.now().minus(maxAge);
        int aborted = 0;
        String keyMarker = null;
        String idMarker = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String k = keyMarker;
            String i = idMarker;
            ListMultipartUploadsResponse r = s3.listMultipartUploads(b -> b.bucket(bucket).keyMarker(k)
                    .uploadIdMarker(i));
            for (MultipartUpload u : r.uploads()) {
                if (u.initiated() != null && !u.initiated().isAfter(before)) {
                    try {
                        s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
                        aborted++;
                    } catch (SdkException e) {
                        LOG.warnf("could not abort the incomplete multipart upload of %s: %s", u.key(), e.toString());
                    }
                }
            }
            if (!Boolean.TRUE.equals(r.isTruncated())) {
                break;
            }
            keyMarker = r.nextKeyMarker();
            idMarker = r.nextUploadIdMarker();
        }
        if (aborted > 0) {
            LOG.infof("bucket %s: aborted %d multipart upload(s) started before %s", bucket, aborted, before);
        }
        return aborted;
    }
}
