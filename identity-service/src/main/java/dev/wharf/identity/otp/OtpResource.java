package dev.wharf.identity.otp;

import dev.wharf.identity.access.AdminAccess;
import io.quarkus.security.Authenticated;
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
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class OtpResource {
    private final OtpService otp;
    private final AdminAccess access;

    @Inject
    public OtpResource(OtpService otp, AdminAccess access) {
        this.otp = otp;
        this.access = access;
    }

    @POST
    public Response enrol(@PathParam("tenant") String tenant, @PathParam("username") String username) {
        return Response.status(Response.Status.CREATED)
                .entity(otp.enrol(tenant, username, access.tenant(tenant))).build();
    }

    @DELETE
    public Response remove(@PathParam("tenant") String tenant, @PathParam("username") String username) {
        otp.remove(tenant, username, access.tenant(tenant));
        return Response.noContent().build();
    }
}
