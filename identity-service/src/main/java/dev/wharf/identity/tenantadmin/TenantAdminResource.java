package dev.wharf.identity.tenantadmin;

import dev.wharf.identity.access.AdminAccess;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** A tenant's administrators: list, grant, revoke (operators and the tenant's administrators). */
@Path("/v1/admin/tenants/{tenant}/admins")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TenantAdminResource {
    private final TenantAdminService admins;
    private final AdminAccess access;

    @Inject
    public TenantAdminResource(TenantAdminService admins, AdminAccess access) {
        this.admins = admins;
        this.access = access;
    }

    @GET
    public List<String> list(@PathParam("tenant") String tenant) {
        access.tenant(tenant);
        return admins.list(tenant);
    }

    @PUT
    @Path("{username}")
    public Response grant(@PathParam("tenant") String tenant, @PathParam("username") String username) {
        admins.grant(tenant, username, access.tenant(tenant));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{username}")
    public Response revoke(@PathParam("tenant") String tenant, @PathParam("username") String username) {
        admins.revoke(tenant, username, access.tenantOther(tenant, username));
        return Response.noContent().build();
    }
}
