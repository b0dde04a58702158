package dev.wharf.core.audit;

import dev.wharf.core.Reason;
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

    public void publish(AuditEvent.Builder b) {
        sink.publish(b.build());
    }

    /** Publishes session-opened once per session; later calls do nothing. */
    public void opened(GatewaySession s) {
        if (!s.markOpenedAudited()) {
            return;
        }
        publish(event(AuditType.SESSION_OPENED, s).data("clientPort", s.clientPort()));
    }

    /**
     * Publishes session-closed for sessions whose opening was published; a connection that never named a tenant
     * (a balancer's health probe, a port scan) leaves no audit trail of its own.
     */
    public void closed(GatewaySession s) {
        if (!s.openedAudited()) {
            return;
        }
        publish(event(AuditType.SESSION_CLOSED, s)
                .data("durationMs", java.time.Duration.between(s.openedAt(), java.time.Instant.now()).toMillis())
                .data("bytesUploaded", s.bytesUploaded())
                .data("bytesDownloaded", s.bytesDownloaded())
                .data("filesUploaded", s.filesUploaded())
                .data("filesDownloaded", s.filesDownloaded()));
    }

    public void loginSucceeded(GatewaySession s) {
        publish(event(AuditType.LOGIN_SUCCEEDED, s).reason(Reason.OK.code()));
    }

    /** @param attemptedUser the user name as the client typed it (not verified to exist) */
    public void loginFailed(GatewaySession s, String attemptedUser, Reason reason) {
        publish(event(AuditType.LOGIN_FAILED, s).user(attemptedUser).reason(reason.code()));
    }

    public void policyDenied(GatewaySession s, String attemptedUser, Reason reason, String stage) {
        publish(event(AuditType.POLICY_DENIED, s).user(attemptedUser).reason(reason.code()).data("stage", stage));
    }
}
