package dev.wharf.ftp.metrics;

import dev.wharf.core.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The gateway's own meters: sessions open, logins by outcome reason, the passive slice, the certificate's expiry. */
public final class FtpMetrics {
    /** Prometheus: {@code wharf_ftp_sessions_open}. */
    public static final String SESSIONS_OPEN = "wharf.ftp.sessions.open";
    /** Prometheus: {@code wharf_ftp_logins_total{reason="ok|bad_credentials|..."}}. */
    public static final String LOGINS = "wharf.ftp.logins";
    /** Prometheus: {@code wharf_ftp_passive_ports_used} (of {@code wharf_ftp_passive_ports_total}, 0 = unbounded). */
    public static final String PASSIVE_USED = "wharf.ftp.passive.ports.used";
    public static final String PASSIVE_TOTAL = "wharf.ftp.passive.ports.total";
    /** Prometheus: {@code wharf_tls_certificate_expiry_timestamp_seconds}, the earliest notAfter served. */
    public static final String CERTIFICATE_EXPIRY = "wharf.tls.certificate.expiry.timestamp";

    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<Reason, Counter> logins = new ConcurrentHashMap<>();

    public FtpMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(SESSIONS_OPEN, open, AtomicInteger::get)
                .description("FTP control connections open on this replica")
                .register(registry);
    }

    /** Registers the passive slice's gauges; the counter returned is the one every listener's ports count in. */
    public AtomicInteger passivePorts(int total) {
        AtomicInteger used = new AtomicInteger();
        Gauge.builder(PASSIVE_USED, used, AtomicInteger::get)
                .description("passive data ports of this replica's slice held now")
                .register(registry);
        Gauge.builder(PASSIVE_TOTAL, () -> total)
                .description("passive data ports in this replica's slice (0 = any port)")
                .register(registry);
        return used;
    }

    /** Registers the gauge of when the first served certificate expires (seconds since the epoch). */
    public void certificateExpiry(Supplier<Instant> expiry) {
        Gauge.builder(CERTIFICATE_EXPIRY, expiry, e -> e.get().getEpochSecond())
                .description("when the first certificate FTPS serves (platform or custom domain) stops being valid")
                .baseUnit("seconds")
                .register(registry);
    }

    public void sessionOpened() {
        open.incrementAndGet();
    }

    public void sessionClosed() {
        open.decrementAndGet();
    }

    public int sessionsOpen() {
        return open.get();
    }

    public void login(Reason reason) {
        logins.computeIfAbsent(reason, r -> Counter.builder(LOGINS)
                .description("FTP logins by outcome; reason ok is a success")
                .tag("reason", r.code())
                .register(registry)).increment();
    }
}
