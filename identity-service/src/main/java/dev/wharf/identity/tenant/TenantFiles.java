package dev.wharf.identity.tenant;

import dev.wharf.api.http.ServiceHttp;
import dev.wharf.identity.grant.GrantIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * identity-service's client of storage-service's {@code DELETE /v1/admin/tenants/{tenant}/files}, made with a
 * {@code tenant-purge} grant of that one tenant (storage-service refuses anything else).
 */
@ApplicationScoped
public class TenantFiles {
    private final ServiceHttp storage;
    private final boolean enabled;
    private final GrantIssuer grants;

    @Inject
    public TenantFiles(TenantFilesConfig config, GrantIssuer grants) {
        this.storage = new ServiceHttp(ServiceHttp.newClient(Duration.ofSeconds(10)), "storage-service", config.url(),
                config.timeout());
        this.enabled = config.purgeOnDelete();
        this.grants = grants;
    }

    /** Removes every file of {@code tenant}; a failure is a {@link dev.wharf.core.WharfException} with its reason. */
    public void purge(String tenant) {
        if (enabled) {
            // tenant ids are DNS labels (TenantIds): nothing in one needs encoding
            String grant = grants.tenantPurge(tenant).token();
            storage.withBearer(() -> grant).delete("/v1/admin/tenants/" + tenant + "/files");
        }
    }

    /** Whether deleting a tenant removes its files here (false: the files stay, see the README). */
    public boolean enabled() {
        return enabled;
    }
}
