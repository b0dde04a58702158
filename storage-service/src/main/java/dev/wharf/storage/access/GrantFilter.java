package dev.wharf.storage.access;

import dev.wharf.api.ErrorBody;
import dev.wharf.api.grant.GrantClaims;
import dev.wharf.audit.access.AccessRefusals;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses every storage call without a valid grant (401 {@code unauthenticated_caller}, audited with the caller's
 * address) and every call whose grant has the wrong scope or tenant for the path it uses (403). File calls
 * ({@code /v1/tenants/{tenant}/...}) need a session grant of that tenant; the tenant purge
 * ({@code /v1/admin/tenants/{tenant}/files}) needs identity-service's purge grant of that tenant.
 */
@Singleton
public class GrantFilter {
    private static final Pattern FILES = Pattern.compile("^/v1/tenants/([^/]+)(/.*)?$");
    private static final Pattern PURGE = Pattern.compile("^/v1/admin/tenants/([^/]+)/files$");

    private final GrantVerification verifier;
    private final CallerGrant holder;

    @Inject
    public GrantFilter(GrantVerification verifier, CallerGrant holder) {
        this.verifier = verifier;
        this.holder = holder;
    }

    @ServerRequestFilter
    public Response check(HttpServerRequest request) {
        String path = request.path();
        Matcher files = FILES.matcher(path);
        Matcher purge = PURGE.matcher(path);
        String tenant;
        String scope;
        if (files.matches()) {
            tenant = files.group(1);
            scope = GrantClaims.SESSION;
        } else if (purge.matches()) {
            tenant = purge.group(1);
            scope = GrantClaims.TENANT_PURGE;
        } else {
            return null; // health, metrics, OpenAPI; unknown paths answer 404
        }
        GrantClaims c;
        try {
            c = verifier.verify(bearer(request.getHeader("Authorization")));
        } catch (WharfException e) {
            return refuse(request, 401, Reason.UNAUTHENTICATED_CALLER, e.detail(), tenant, null);
        }
        if (!scope.equals(c.scope())) {
            return refuse(request, 403, Reason.PERMISSION_DENIED, "a " + c.scope() + " grant cannot do this", tenant, c);
        }
        if (!c.tenant().equals(tenant)) {
            return refuse(request, 403, Reason.PERMISSION_DENIED, "the grant is for another tenant", tenant, c);
        }
        holder.set(c);
        return null;
    }

    private Response refuse(HttpServerRequest request, int status, Reason reason, String why, String tenant,
                            GrantClaims c) {
        verifier.refused(new AccessRefusals.Refusal(GrantScope.address(request), request.method().name(),
                request.path(), reason, why, c == null ? null : c.tenant(), c == null ? null : c.username(),
                c == null ? null : c.sessionId()));
        Response.ResponseBuilder b = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(reason, why));
        return status == 401 ? b.header("WWW-Authenticate", "Bearer").build() : b.build();
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }
}
