package dev.wharf.identity.otp;

import dev.wharf.identity.tenant.AdminRole;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A user's TOTP second factor: enrol (secret answered once) and remove. */
@Path("/v1/admin/tenants/{tenant}/users/{username}/otp")
@RolesAllowed(AdminRole.NAME)
@Produces(MediaType.APPLICATION_JSON)
public class OtpResource {
    private final OtpService otp;
    private final SecurityIdentity identity;

    @Inject
    public OtpResource(OtpService otp, SecurityIdentity identity) {
        this.otp = otp;
        this.identity = identity;
    }

    @POST
    public Response enrol(@PathParam("tenant") String tenant, @PathParam("username") String username) {
        return Response.status(Response.Status.CREATED)
                .entity(otp.enrol(tenant, username, identity.getPrincipal().getName())).build();
    }

    @DELETE
    public Response remove(@PathParam("tenant") String tenant, @PathParam("username") String username) {
        otp.remove(tenant, username, identity.getPrincipal().getName());
        return Response.noContent().build();
    }
}
