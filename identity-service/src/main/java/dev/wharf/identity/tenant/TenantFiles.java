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
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(TenantFiles.class);
    private final ServiceHttp storage;
    private final ServiceHttp usageCalls;
    private final boolean enabled;
    private final GrantIssuer grants;

    @Inject
    public TenantFiles(TenantFilesConfig config, GrantIssuer grants) {
        this.storage = new ServiceHttp(ServiceHttp.newClient(Duration.ofSeconds(10)), "storage-service", config.url(),
                config.timeout());
        // a user's usage is shown beside its settings: a slow store must not hold the admin's page for minutes
        this.usageCalls = new ServiceHttp(ServiceHttp.newClient(Duration.ofSeconds(5)), "storage-service", config.url(),
                Duration.ofSeconds(10));
        this.enabled = config.purgeOnDelete();
        this.grants = grants;
    }

    /**
     * What {@code home} of {@code tenant} holds, counted by storage-service (the one keeper of usage) with a grant of
     * that folder; null where no storage-service runs or it does not answer (the user is shown without it).
     */
    public dev.wharf.core.quota.Usage usage(String tenant, String home) {
        if (!enabled) {
            return null;
        }
        try {
            String grant = grants.folderRead(tenant, home).token();
            return usageCalls.withBearer(() -> grant).get("/v1/tenants/" + tenant + "/usage?path="
                    + java.net.URLEncoder.encode(home, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"),
                    dev.wharf.core.quota.Usage.class);
        } catch (dev.wharf.core.WharfException e) {
            LOG.infof("usage of %s in tenant %s not known: %s", home, tenant, e.reason().code());
            return null;
        }
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
