package dev.wharf.storage.access;

import dev.wharf.api.grant.GrantClaims;
import dev.wharf.audit.access.AccessRefusals;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.storage.backend.StoragePath;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Keeps every path a request names inside what its grant allows: the grant's tenant, and its home folder and
 * everything below it. storage-service enforces this itself, whatever the gateway asks (ARCHITECTURE.md,
 * "Trust boundaries"); a refusal is {@code permission_denied} (403) and is audited with the caller's address.
 */
@RequestScoped
public class GrantScope {
    private final CallerGrant grant;
    private final AccessRefusals refusals;
    private final HttpServerRequest request;

    @Inject
    public GrantScope(CallerGrant grant, AuditSink audit, HttpServerRequest request) {
        this.grant = grant;
        this.refusals = new AccessRefusals(audit, "storage-service");
        this.request = request;
    }

    /** {@code path} of {@code tenant}, if the request's grant reaches it; else 403. */
    public StoragePath check(StoragePath path) {
        GrantClaims c = grant.claims();
        if (c == null) {
            throw new WharfException(Reason.UNAUTHENTICATED_CALLER, "no grant");
        }
        if (!c.tenant().equals(path.tenant())) {
            throw refuse(c, "the grant is for another tenant");
        }
        if (!within(c.home(), path.path())) {
            throw refuse(c, "outside the grant's home folder");
        }
        return path;
    }

    /** Whether {@code path} is {@code home} or below it (both canonical, absolute). */
    static boolean within(String home, String path) {
        return home.equals("/") || path.equals(home) || path.startsWith(home + "/");
    }

    private WharfException refuse(GrantClaims c, String why) {
        refusals.refused(new AccessRefusals.Refusal(address(request), request.method().name(), request.path(),
                Reason.PERMISSION_DENIED, why, c.tenant(), c.username(), c.sessionId()));
        return new WharfException(Reason.PERMISSION_DENIED, why);
    }

    static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
