package dev.wharf.identity.group;

import dev.wharf.identity.access.AdminAccess;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/** A tenant's groups and their members, for platform operators and the tenant's administrators. */
@Path("/v1/admin/tenants/{tenant}/groups")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GroupResource {
    private final GroupService groups;
    private final AdminAccess access;

    @Inject
    public GroupResource(GroupService groups, AdminAccess access) {
        this.groups = groups;
        this.access = access;
    }

    @POST
    public Response create(@PathParam("tenant") String tenant, NewGroup body) {
        Group g = groups.create(tenant, body, access.tenant(tenant));
        return Response.created(URI.create("/v1/admin/tenants/" + tenant + "/groups/" + g.name())).entity(g).build();
    }

    @GET
    public List<Group> list(@PathParam("tenant") String tenant) {
        access.tenant(tenant);
        return groups.list(tenant);
    }

    @GET
    @Path("{group}")
    public Group show(@PathParam("tenant") String tenant, @PathParam("group") String group) {
        access.tenant(tenant);
        return groups.show(tenant, group);
    }

    @PATCH
    @Path("{group}")
    public Group update(@PathParam("tenant") String tenant, @PathParam("group") String group, GroupPatch body) {
        return groups.update(tenant, group, body, access.tenant(tenant));
    }

    @DELETE
    @Path("{group}")
    public Response delete(@PathParam("tenant") String tenant, @PathParam("group") String group) {
        groups.delete(tenant, group, access.tenant(tenant));
        return Response.noContent().build();
    }

    @PUT
    @Path("{group}/members/{username}")
    public Response addMember(@PathParam("tenant") String tenant, @PathParam("group") String group,
                              @PathParam("username") String username) {
        groups.addMember(tenant, group, username, access.tenant(tenant));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{group}/members/{username}")
    public Response removeMember(@PathParam("tenant") String tenant, @PathParam("group") String group,
                                 @PathParam("username") String username) {
        groups.removeMember(tenant, group, username, access.tenant(tenant));
        return Response.noContent().build();
    }
}
