package dev.wharf.ftp.metrics;

import dev.wharf.core.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The gateway's own meters: sessions open now, and logins counted by outcome reason. */
public final class FtpMetrics {
    /** Prometheus: {@code wharf_ftp_sessions_open}. */
    public static final String SESSIONS_OPEN = "wharf.ftp.sessions.open";
    /** Prometheus: {@code wharf_ftp_logins_total{reason="ok|bad_credentials|..."}}. */
    public static final String LOGINS = "wharf.ftp.logins";

    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<Reason, Counter> logins = new ConcurrentHashMap<>();

    public FtpMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(SESSIONS_OPEN, open, AtomicInteger::get)
                .description("FTP control connections open on this replica")
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
