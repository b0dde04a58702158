package dev.wharf.identity.sshkey;

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

/** A user's SSH public keys: add (validated), list with fingerprints, remove by id. */
@Path("/v1/admin/tenants/{tenant}/users/{username}/sshkeys")
@RolesAllowed(AdminRole.NAME)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SshKeyResource {
    private final SshKeyService keys;
    private final SecurityIdentity identity;

    @Inject
    public SshKeyResource(SshKeyService keys, SecurityIdentity identity) {
        this.keys = keys;
        this.identity = identity;
    }

    @POST
    public Response add(@PathParam("tenant") String tenant, @PathParam("username") String username, NewSshKey body) {
        return Response.status(Response.Status.CREATED)
                .entity(keys.add(tenant, username, body, identity.getPrincipal().getName())).build();
    }

    @GET
    public List<SshKeySummary> list(@PathParam("tenant") String tenant, @PathParam("username") String username) {
        return keys.list(tenant, username);
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("tenant") String tenant, @PathParam("username") String username,
                           @PathParam("id") String id) {
        keys.remove(tenant, username, id, identity.getPrincipal().getName());
        return Response.noContent().build();
    }
}
