package dev.wharf.identity.apikey;

import dev.wharf.identity.tenant.AdminRole;
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

import java.util.List;

/** A user's API keys: create (secret answered once), list, revoke. */
@Path("/v1/admin/tenants/{tenant}/users/{username}/apikeys")
@RolesAllowed(AdminRole.NAME)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {
    private final ApiKeyService keys;
    private final SecurityIdentity identity;

    @Inject
    public ApiKeyResource(ApiKeyService keys, SecurityIdentity identity) {
        this.keys = keys;
        this.identity = identity;
    }

    @POST
    public Response create(@PathParam("tenant") String tenant, @PathParam("username") String username,
                           NewApiKey body) {
        return Response.status(Response.Status.CREATED)
                .entity(keys.create(tenant, username, body, identity.getPrincipal().getName())).build();
    }

    @GET
    public List<ApiKeySummary> list(@PathParam("tenant") String tenant, @PathParam("username") String username) {
        return keys.list(tenant, username);
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("tenant") String tenant, @PathParam("username") String username,
                           @PathParam("id") String id) {
        keys.revoke(tenant, username, id, identity.getPrincipal().getName());
        return Response.noContent().build();
    }
}
