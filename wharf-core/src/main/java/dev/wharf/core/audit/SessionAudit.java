package dev.wharf.core.audit;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.session.GatewaySession;

/** Builds the audit events that describe a gateway session, so FTP and SFTP emit the same shapes. */
public final class SessionAudit {
    private final AuditSink sink;

    public SessionAudit(AuditSink sink) {
        this.sink = sink;
    }

    /** An event pre-filled with the session's who/where/how. */
    public AuditEvent.Builder event(AuditType type, GatewaySession s) {
        return AuditEvent.builder(type, s.gateway())
                .tenant(s.tenant())
                .user(s.username())
                .protocol(s.protocol().wire())
                .clientAddress(s.clientIp())
                .sessionId(s.id());
    }

    /**
     * Publishes an event that records an action; returns once the sink holds it durably, throws
     * {@link WharfException} ({@code audit_unavailable}) when it cannot, so the action is not acknowledged.
     */
    public void publish(AuditEvent.Builder b) {
        sink.publish(b.build());
    }

    /** Whether new logins and transfers may start: their events can be recorded. */
    public boolean accepting() {
        return sink.accepting();
    }

    /** Refuses new work with {@code audit_unavailable} while the sink cannot record it. */
    public void requireAccepting() {
        if (!sink.accepting()) {
            throw new WharfException(Reason.AUDIT_UNAVAILABLE, null);
        }
    }

    /**
     * Session bookkeeping (opened, closed, login and policy outcomes): a sink that cannot record it has already
     * logged the event whole, and the session's own reply must not change because of it.
     */
    private void publishQuietly(AuditEvent.Builder b) {
        try {
            sink.publish(b.build());
        } catch (WharfException e) {
            // logged by the sink on wharf.audit.undelivered, with its reason
        }
    }

    /** Publishes session-opened once per session; later calls do nothing. */
    public void opened(GatewaySession s) {
        if (!s.markOpenedAudited()) {
            return;
        }
        publishQuietly(event(AuditType.SESSION_OPENED, s).data("clientPort", s.clientPort()));
    }

    /**
     * Publishes session-closed for sessions whose opening was published; a connection that never named a tenant
     * (a balancer's health probe, a port scan) leaves no audit trail of its own.
     */
    public void closed(GatewaySession s) {
        if (!s.openedAudited()) {
            return;
        }
        publishQuietly(event(AuditType.SESSION_CLOSED, s)
                .data("durationMs", java.time.Duration.between(s.openedAt(), java.time.Instant.now()).toMillis())
                .data("bytesUploaded", s.bytesUploaded())
                .data("bytesDownloaded", s.bytesDownloaded())
                .data("filesUploaded", s.filesUploaded())
                .data("filesDownloaded", s.filesDownloaded()));
    }

    public void loginSucceeded(GatewaySession s) {
        publishQuietly(event(AuditType.LOGIN_SUCCEEDED, s).reason(Reason.OK.code()));
    }

    /** @param attemptedUser the user name as the client typed it (not verified to exist) */
    public void loginFailed(GatewaySession s, String attemptedUser, Reason reason) {
        publishQuietly(event(AuditType.LOGIN_FAILED, s).user(attemptedUser).reason(reason.code()));
    }

    public void policyDenied(GatewaySession s, String attemptedUser, Reason reason, String stage) {
        publishQuietly(event(AuditType.POLICY_DENIED, s).user(attemptedUser).reason(reason.code()).data("stage", stage));
    }
}
