package dev.wharf.storage.access;

import dev.wharf.api.grant.GrantClaims;
import dev.wharf.audit.access.AccessRefusals;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.access.AccessRule;
import dev.wharf.core.access.AccessRules;
import dev.wharf.core.access.SharedFolders;
import dev.wharf.core.access.Permission;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.storage.backend.StoragePath;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.EnumSet;
import java.util.List;

/**
 * Keeps every path a request names inside what its grant allows: the grant's tenant, and its home folder and
 * everything below it, and the shared folders the grant mounts ({@link SharedFolders}). storage-service enforces this itself, whatever the gateway asks (ARCHITECTURE.md,
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
        if (!within(c.home(), path.path()) && !c.access().mounts(path.path())) {
            throw refuse(c, "outside the grant's home folder and shared folders");
        }
        return path;
    }

    /**
     * {@code path} (already {@linkplain #check checked}), unless it is a shared folder itself (or their root): those
     * are never removed or renamed through a session's grant, whatever its rules allow inside them.
     */
    public StoragePath requireNotSharedRoot(StoragePath path) {
        String p = path.path();
        if (SharedFolders.isShared(p) && p.indexOf('/', SharedFolders.ROOT.length() + 1) < 0) {
            throw refuse(grant.claims(), "a shared folder cannot be removed or renamed");
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
        List<String> views = c.access().clientViews(c.home(), path.path());
        if (views.size() == 1) {
            return c.access().decide(views.getFirst());
        }
        // one shared folder mounted at two paths: what either mount allows
        EnumSet<Permission> union = EnumSet.noneOf(Permission.class);
        AccessRule rule = null;
        for (String v : views) {
            AccessRules.Decision d = c.access().decide(v);
            union.addAll(d.permissions());
            rule = rule == null ? d.rule() : rule;
        }
        return new AccessRules.Decision(union, rule);
    }

    /** The refusal of {@code p} at {@code path} under {@code d}, audited. */
    public WharfException deny(StoragePath path, Permission p, AccessRules.Decision d) {
        GrantClaims c = grant.claims();
        List<String> views = c.access().clientViews(c.home(), path.path());
        AccessRules.AccessDenied e = AccessRules.denied(views.isEmpty() ? path.path() : views.getFirst(), p, d);
        refusals.refused(new AccessRefusals.Refusal(address(request), request.method().name(), request.path(),
                Reason.PERMISSION_DENIED, e.detail(), c.tenant(), c.username(), c.sessionId()));
        return e;
    }

    /** Whether {@code path} is {@code home} or below it (both canonical, absolute). */
    public static boolean within(String home, String path) {
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
