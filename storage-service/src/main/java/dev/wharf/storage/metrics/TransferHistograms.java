package dev.wharf.storage.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.stream.LongStream;

/**
 * Transfer durations as a Prometheus histogram: the HTTP server timer of the {@code content} requests (an upload
 * is one PUT, a download one GET, each as long as the transfer) gets fixed buckets from 10 ms to 10 min, so that
 * dashboards can show latency quantiles per method across replicas. Other requests keep the default summary.
 */
@Singleton
public class TransferHistograms {
    /** Bucket bounds; few, so the series count stays small. */
    static final long[] BUCKET_MILLIS = {10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000,
            600_000};

    @Produces
    @Singleton
    MeterFilter transferBuckets() {
        double[] slos = LongStream.of(BUCKET_MILLIS).mapToDouble(ms -> Duration.ofMillis(ms).toNanos()).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                String uri = id.getTag("uri");
                if ("http.server.requests".equals(id.getName()) && uri != null && uri.endsWith("/content")) {
                    return DistributionStatisticConfig.builder().serviceLevelObjectives(slos).build().merge(config);
                }
                return config;
            }
        };
    }
}
