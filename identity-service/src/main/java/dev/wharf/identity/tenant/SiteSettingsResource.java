package dev.wharf.identity.tenant;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A tenant's site settings (realm attributes); so far the 2FA grace window. */
@Path("/v1/admin/tenants/{tenant}/settings")
@RolesAllowed(AdminRole.NAME)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SiteSettingsResource {
    private final TenantService tenants;
    private final SecurityIdentity identity;

    @Inject
    public SiteSettingsResource(TenantService tenants, SecurityIdentity identity) {
        this.tenants = tenants;
        this.identity = identity;
    }

    @GET
    public SiteSettings get(@PathParam("tenant") String tenant) {
        return tenants.settings(tenant);
    }

    /** Changes the fields given; answers the settings as they are now. */
    @PUT
    public SiteSettings update(@PathParam("tenant") String tenant, SiteSettings body) {
        return tenants.updateSettings(tenant, body, identity.getPrincipal().getName());
    }
}
