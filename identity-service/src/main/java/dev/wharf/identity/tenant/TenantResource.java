package dev.wharf.identity.tenant;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/** Tenant administration for platform operators (realm role {@code admin} in the admin realm). */
@Path("/v1/admin/tenants")
@RolesAllowed(AdminRole.NAME)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {
    /** Body of a tenant creation and one row of the tenant list. */
    public record TenantBody(String id) {
    }

    private final TenantService tenants;
    private final SecurityIdentity identity;

    @Inject
    public TenantResource(TenantService tenants, SecurityIdentity identity) {
        this.tenants = tenants;
        this.identity = identity;
    }

    @POST
    public Response create(TenantBody body) {
        if (body == null || body.id() == null) {
            throw new WharfException(Reason.BAD_REQUEST, "a JSON body {\"id\": \"<tenant>\"} is required");
        }
        tenants.create(body.id(), identity.getPrincipal().getName());
        return Response.created(URI.create("/v1/admin/tenants/" + body.id())).entity(new TenantBody(body.id())).build();
    }

    @GET
    public List<TenantBody> list() {
        return tenants.list().stream().map(TenantBody::new).toList();
    }

    @DELETE
    @Path("/{tenant}")
    public void delete(@PathParam("tenant") String tenant) {
        tenants.delete(tenant, identity.getPrincipal().getName());
    }
}
