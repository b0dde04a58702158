package dev.wharf.identity.apikey;

import dev.wharf.identity.access.AdminAccess;
import io.quarkus.security.Authenticated;
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
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {
    private final ApiKeyService keys;
    private final AdminAccess access;

    @Inject
    public ApiKeyResource(ApiKeyService keys, AdminAccess access) {
        this.keys = keys;
        this.access = access;
    }

    @POST
    public Response create(@PathParam("tenant") String tenant, @PathParam("username") String username,
                           NewApiKey body) {
        return Response.status(Response.Status.CREATED)
                .entity(keys.create(tenant, username, body, access.self(tenant, username))).build();
    }

    @GET
    public List<ApiKeySummary> list(@PathParam("tenant") String tenant, @PathParam("username") String username) {
        access.self(tenant, username);
        return keys.list(tenant, username);
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("tenant") String tenant, @PathParam("username") String username,
                           @PathParam("id") String id) {
        keys.revoke(tenant, username, id, access.self(tenant, username));
        return Response.noContent().build();
    }
}
