package dev.wharf.sftp.server;

import dev.wharf.core.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicInteger;

/** The gateway's meters: open sessions, logins by reason, connections refused by cause. */
public final class SftpMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();

    public SftpMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("wharf.sftp.sessions.open", open, AtomicInteger::get)
                .description("SSH sessions currently connected to this gateway")
                .register(registry);
    }

    public void sessionOpened() {
        open.incrementAndGet();
    }

    public void sessionClosed() {
        open.decrementAndGet();
    }

    public int openSessions() {
        return open.get();
    }

    /** Counts one password login attempt by its outcome. */
    public void login(Reason reason) {
        Counter.builder("wharf.sftp.logins")
                .description("SFTP login attempts by outcome (reason code; ok for success)")
                .tag("reason", reason.code())
                .register(registry)
                .increment();
    }

    /** Counts a connection turned away before login by a limit or the shutdown ({@code wharf_sftp_connections_refused_total}). */
    public void refused(String cause) {
        Counter.builder("wharf.sftp.connections.refused")
                .description("SSH connections turned away before login, by cause (a limit, or shutting_down)")
                .tag("cause", cause)
                .register(registry)
                .increment();
    }
}
