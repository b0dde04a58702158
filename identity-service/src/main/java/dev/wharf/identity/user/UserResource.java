package dev.wharf.identity.user;

import dev.wharf.identity.access.AdminAccess;
import dev.wharf.identity.sharing.Sharing;
import dev.wharf.identity.sharing.SharingService;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** User administration inside a tenant, for platform operators and the tenant's administrators. */
@Path("/v1/admin/tenants/{tenant}/users")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    private final UserService users;
    private final SharingService sharing;
    private final AdminAccess access;

    @Inject
    public UserResource(UserService users, SharingService sharing, AdminAccess access) {
        this.users = users;
        this.sharing = sharing;
        this.access = access;
    }

    @POST
    public Response create(@PathParam("tenant") String tenant, NewUser body) {
        CreatedUser created = users.create(tenant, body, access.tenant(tenant));
        List<String> protocols = UserService.protocols(body.allowedProtocols());
        return Response.status(Response.Status.CREATED)
                .entity(created.withSharing(sharing.all(tenant, created.username(), protocols))).build();
    }

    @PUT
    @Path("{username}/password")
    public Response setPassword(@PathParam("tenant") String tenant, @PathParam("username") String username,
                                NewPassword body) {
        users.setPassword(tenant, username, body, access.tenant(tenant));
        return Response.noContent().build();
    }

    @GET
    public List<UserSummary> list(@PathParam("tenant") String tenant) {
        access.tenant(tenant);
        return users.list(tenant);
    }

    @GET
    @Path("{username}")
    public User show(@PathParam("tenant") String tenant, @PathParam("username") String username) {
        access.tenant(tenant);
        return users.show(tenant, username);
    }

    @PATCH
    @Path("{username}")
    public User update(@PathParam("tenant") String tenant, @PathParam("username") String username, UserPatch body) {
        boolean disables = body != null && Boolean.FALSE.equals(body.enabled());
        return users.update(tenant, username, body,
                disables ? access.tenantOther(tenant, username) : access.tenant(tenant));
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("tenant") String tenant, @PathParam("username") String username) {
        users.delete(tenant, username, access.tenantOther(tenant, username));
        return Response.noContent().build();
    }

    /** What to hand over to the user for one protocol: host, port, user name, portal (the user may ask too). */
    @GET
    @Path("{username}/sharing")
    public Sharing sharing(@PathParam("tenant") String tenant, @PathParam("username") String username,
                           @QueryParam("protocol") String protocol) {
        access.self(tenant, username);
        return sharing.forProtocol(tenant, username, protocol);
    }
}
