package dev.wharf.storage.tenant;

import dev.wharf.storage.backend.StorageBackend;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code DELETE /v1/admin/tenants/{tenant}/files}: every file of a deleted tenant goes, so that its name can be
 * given again without the old files showing (identity-service calls it when it deletes a tenant). Idempotent.
 */
@Path("/v1/admin/tenants/{tenant}/files")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class TenantPurgeResource {
    private static final Logger LOG = Logger.getLogger(TenantPurgeResource.class);

    /** The answer: how many files and folders were removed. */
    public record Purged(String tenant, long removed) {
    }

    @Inject
    StorageBackend backend;

    @DELETE
    public Purged purge(@RestPath String tenant) {
        dev.wharf.storage.backend.StoragePath.root(tenant); // validates the id: bad_request before touching anything
        long removed = backend.purgeTenant(tenant);
        LOG.infof("tenant %s: files purged (%d files and folders)", tenant, removed);
        return new Purged(tenant, removed);
    }
}
