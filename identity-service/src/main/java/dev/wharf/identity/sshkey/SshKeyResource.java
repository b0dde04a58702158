package dev.wharf.identity.sshkey;

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

/** A user's SSH public keys: add (validated), list with fingerprints, remove by id. */
@Path("/v1/admin/tenants/{tenant}/users/{username}/sshkeys")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SshKeyResource {
    private final SshKeyService keys;
    private final AdminAccess access;

    @Inject
    public SshKeyResource(SshKeyService keys, AdminAccess access) {
        this.keys = keys;
        this.access = access;
    }

    @POST
    public Response add(@PathParam("tenant") String tenant, @PathParam("username") String username, NewSshKey body) {
        return Response.status(Response.Status.CREATED)
                .entity(keys.add(tenant, username, body, access.self(tenant, username))).build();
    }

    @GET
    public List<SshKeySummary> list(@PathParam("tenant") String tenant, @PathParam("username") String username) {
        access.self(tenant, username);
        return keys.list(tenant, username);
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("tenant") String tenant, @PathParam("username") String username,
                           @PathParam("id") String id) {
        keys.remove(tenant, username, id, access.self(tenant, username));
        return Response.noContent().build();
    }
}
