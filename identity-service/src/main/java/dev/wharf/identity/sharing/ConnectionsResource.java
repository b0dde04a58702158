package dev.wharf.identity.sharing;

import dev.wharf.identity.access.AdminAccess;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * The tenant's FTP server settings as Fotoware Flow's settings page shows them: host, port and user-name form of each
 * way to connect the tenant offers (plain FTP only when allowed), for its administrators.
 */
@Path("/v1/admin/tenants/{tenant}/connections")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionsResource {
    /** Stands for a user's name in the {@code username} of each answer. */
    static final String ANY_USER = "<user>";

    private final SharingService sharing;
    private final AdminAccess access;

    @Inject
    public ConnectionsResource(SharingService sharing, AdminAccess access) {
        this.sharing = sharing;
        this.access = access;
    }

    @GET
    public List<Sharing> list(@PathParam("tenant") String tenant) {
        access.tenant(tenant);
        return sharing.all(tenant, ANY_USER, List.of());
    }
}
