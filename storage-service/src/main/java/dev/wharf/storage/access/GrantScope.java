package dev.wharf.storage.access;

import dev.wharf.api.grant.GrantClaims;
import dev.wharf.audit.access.AccessRefusals;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.access.AccessRules;
import dev.wharf.core.access.Permission;
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

    /**
     * {@code path} (already {@linkplain #check checked}), if the grant's folder rules allow {@code p} there; else 403,
     * audited with the rule. The same evaluation as the gateways' ({@link AccessRules}): a gateway cannot widen it.
     */
    public StoragePath require(StoragePath path, Permission p) {
        AccessRules.Decision d = decide(path);
        if (!d.allows(p)) {
            throw deny(path, p, d);
        }
        return path;
    }

    /** What the grant's folder rules allow at {@code path} (already {@linkplain #check checked}). */
    public AccessRules.Decision decide(StoragePath path) {
        GrantClaims c = grant.claims();
        return c.access().decide(clientView(c.home(), path.path()));
    }

    /** The refusal of {@code p} at {@code path} under {@code d}, audited. */
    public WharfException deny(StoragePath path, Permission p, AccessRules.Decision d) {
        GrantClaims c = grant.claims();
        AccessRules.AccessDenied e = AccessRules.denied(clientView(c.home(), path.path()), p, d);
        refusals.refused(new AccessRefusals.Refusal(address(request), request.method().name(), request.path(),
                Reason.PERMISSION_DENIED, e.detail(), c.tenant(), c.username(), c.sessionId()));
        return e;
    }

    /** The path as the grant's holder sees it: rooted at the home folder, as folder rules are written. */
    static String clientView(String home, String path) {
        if (home.equals("/")) {
            return path;
        }
        return path.equals(home) ? "/" : path.substring(home.length());
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
