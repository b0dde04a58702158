package dev.wharf.identity.tenant;

import dev.wharf.identity.access.AdminAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.quarkus.security.Authenticated;

import java.util.List;

/** Moving realm tenants into organizations (operators only): which are left, and moving one. */
@Path("/v1/admin/tenant-migrations")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TenantMigrationResource {
    /** The tenants still kept as realms of their own. */
    public record Pending(List<String> tenants) {
    }

    private final TenantMigration migration;
    private final AdminAccess access;

    @Inject
    public TenantMigrationResource(TenantMigration migration, AdminAccess access) {
        this.migration = migration;
        this.access = access;
    }

    @GET
    public Pending pending() {
        access.operator();
        return new Pending(migration.pending());
    }

    /** Moves the tenant (idempotent: a tenant moved already answers {@code moved: false}). */
    @POST
    @Path("/{tenant}")
    public TenantMigration.Migrated migrate(@PathParam("tenant") String tenant) {
        return migration.migrate(tenant, access.operator());
    }
}
