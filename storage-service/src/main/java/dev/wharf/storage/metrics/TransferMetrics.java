package dev.wharf.storage.metrics;

import dev.wharf.storage.backend.StorageBackend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bytes moved through the service: {@code wharf_storage_in_bytes_total} (request bodies of uploads) and
 * {@code wharf_storage_out_bytes_total} (download bodies), tagged with the backend. Tenants are not a tag: their
 * number is unbounded, and per-tenant volume is in the audit events.
 */
@ApplicationScoped
public class TransferMetrics {
    private final Counter bytesIn;
    private final Counter bytesOut;

    TransferMetrics(MeterRegistry registry, StorageBackend backend) {
        this.bytesIn = Counter.builder("wharf.storage.in.bytes").baseUnit("bytes")
                .description("Bytes received in upload bodies").tag("backend", backend.kind()).register(registry);
        this.bytesOut = Counter.builder("wharf.storage.out.bytes").baseUnit("bytes")
                .description("Bytes sent in download bodies").tag("backend", backend.kind()).register(registry);
    }

    public void received(long bytes) {
        if (bytes > 0) {
            bytesIn.increment(bytes);
        }
    }

    public void sent(long bytes) {
        if (bytes > 0) {
            bytesOut.increment(bytes);
        }
    }
}
