package dev.wharf.identity.audit;

import dev.wharf.identity.access.AdminAccess;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** One tenant's audit trail: its administrators and operators (a path of its own: the tenant resources own the rest). */
@Path("/v1/admin/tenants/{tenant}/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TenantAuditResource {
    private final AuditTrail trail;
    private final AdminAccess access;

    @Inject
    public TenantAuditResource(AuditTrail trail, AdminAccess access) {
        this.trail = trail;
        this.access = access;
    }

    @GET
    public AuditPage tenant(@PathParam("tenant") String tenant, @QueryParam("user") String user,
                            @QueryParam("type") String type, @QueryParam("since") String since,
                            @QueryParam("after") String after, @QueryParam("limit") @DefaultValue("1000") int limit) {
        access.tenant(tenant);
        return trail.read(AuditResource.query(tenant, user, type, since, after, limit));
    }
}
