package dev.wharf.storage.metrics;

import dev.wharf.storage.backend.StorageBackend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bytes moved through the service: {@code wharf_storage_in_bytes_total} (request bodies of uploads) and
 * {@code wharf_storage_out_bytes_total} (download bodies), tagged with the backend, and
 * {@code wharf_storage_uploads_active}, the uploads being received right now. Tenants are not a tag: their number
 * is unbounded, and per-tenant volume is in the audit events.
 */
@ApplicationScoped
public class TransferMetrics {
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final AtomicInteger activeUploads = new AtomicInteger();

    TransferMetrics(MeterRegistry registry, StorageBackend backend) {
        this.bytesIn = Counter.builder("wharf.storage.in.bytes").baseUnit("bytes")
                .description("Bytes received in upload bodies").tag("backend", backend.kind()).register(registry);
        this.bytesOut = Counter.builder("wharf.storage.out.bytes").baseUnit("bytes")
                .description("Bytes sent in download bodies").tag("backend", backend.kind()).register(registry);
        Gauge.builder("wharf.storage.uploads.active", activeUploads, AtomicInteger::get)
                .description("Uploads being received now").tag("backend", backend.kind()).register(registry);
    }

    /** An upload body starts being read. */
    public void uploadStarted() {
        activeUploads.incrementAndGet();
    }

    /** An upload is over (committed, refused or aborted, and cleaned up) after {@code bytes} of body. */
    public void uploadEnded(long bytes) {
        if (bytes > 0) {
            bytesIn.increment(bytes);
        }
        activeUploads.decrementAndGet();
    }

    public void sent(long bytes) {
        if (bytes > 0) {
            bytesOut.increment(bytes);
        }
    }
}
