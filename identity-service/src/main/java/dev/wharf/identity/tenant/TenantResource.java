package dev.wharf.identity.tenant;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.identity.access.AdminAccess;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * Tenants: created, listed, enabled or disabled and deleted by platform operators only; shown to the tenant's
 * administrators too.
 */
@Path("/v1/admin/tenants")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {
    /** Body of a tenant creation and one row of the tenant list. */
    public record TenantBody(String id) {
    }

    private final TenantService tenants;
    private final AdminAccess access;

    @Inject
    public TenantResource(TenantService tenants, AdminAccess access) {
        this.tenants = tenants;
        this.access = access;
    }

    @POST
    public Response create(TenantBody body) {
        String actor = access.operator();
        if (body == null || body.id() == null) {
            throw new WharfException(Reason.BAD_REQUEST, "a JSON body {\"id\": \"<tenant>\"} is required");
        }
        tenants.create(body.id(), actor);
        return Response.created(URI.create("/v1/admin/tenants/" + body.id())).entity(new TenantBody(body.id())).build();
    }

    /** One page of tenant ids in order; {@code next} is the {@code after} of the following page. */
    @GET
    public TenantPage list(@QueryParam("limit") Integer limit, @QueryParam("after") String after) {
        access.operator();
        return TenantPage.of(tenants.list(), after, limit);
    }

    @GET
    @Path("/{tenant}")
    public Tenant show(@PathParam("tenant") String tenant) {
        access.tenant(tenant);
        return tenants.show(tenant);
    }

    /** Enables or disables the tenant (operators only). */
    @PATCH
    @Path("/{tenant}")
    public Tenant update(@PathParam("tenant") String tenant, TenantPatch body) {
        return tenants.update(tenant, body, access.operator());
    }

    @DELETE
    @Path("/{tenant}")
    public void delete(@PathParam("tenant") String tenant) {
        tenants.delete(tenant, access.operator());
    }
}
