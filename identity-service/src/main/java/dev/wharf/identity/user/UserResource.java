package dev.wharf.identity.user;

import dev.wharf.identity.tenant.AdminRole;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** User administration inside a tenant, for platform operators. */
@Path("/v1/admin/tenants/{tenant}/users")
@RolesAllowed(AdminRole.NAME)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    private final UserService users;
    private final SecurityIdentity identity;

    @Inject
    public UserResource(UserService users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @POST
    public Response create(@PathParam("tenant") String tenant, NewUser body) {
        CreatedUser created = users.create(tenant, body, identity.getPrincipal().getName());
        // no Location: users are not addressable by URL in this version of the API
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @PUT
    @Path("{username}/password")
    public Response setPassword(@PathParam("tenant") String tenant, @PathParam("username") String username,
                                NewPassword body) {
        users.setPassword(tenant, username, body, identity.getPrincipal().getName());
        return Response.noContent().build();
    }

    @GET
    public List<UserSummary> list(@PathParam("tenant") String tenant) {
        return users.list(tenant);
    }
}
