package dev.wharf.identity.tenant;

import dev.wharf.identity.access.AdminAccess;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A tenant's site settings (realm attributes that policy-service and the 2FA grace window read). */
@Path("/v1/admin/tenants/{tenant}/settings")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SiteSettingsResource {
    private final TenantService tenants;
    private final AdminAccess access;

    @Inject
    public SiteSettingsResource(TenantService tenants, AdminAccess access) {
        this.tenants = tenants;
        this.access = access;
    }

    @GET
    public SiteSettings get(@PathParam("tenant") String tenant) {
        access.tenant(tenant);
        return tenants.settings(tenant);
    }

    /** Changes the fields given; answers the settings as they are now. */
    @PUT
    public SiteSettings update(@PathParam("tenant") String tenant, SiteSettings body) {
        return tenants.updateSettings(tenant, body, access.tenant(tenant));
    }
}
