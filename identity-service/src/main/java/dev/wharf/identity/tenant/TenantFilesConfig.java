package dev.wharf.identity.tenant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/** Where a deleted tenant's files are removed ({@code wharf.identity.storage.*}): storage-service's tenant purge. */
@ConfigMapping(prefix = "wharf.identity.storage")
public interface TenantFilesConfig {
    /** Base URL of storage-service. */
    @WithDefault("http://127.0.0.1:8083")
    URI url();

    /** How long a purge may take (a tenant with many files on S3 takes one delete call per 1,000 objects). */
    @WithDefault("PT5M")
    Duration timeout();

    /** Remove a tenant's files when it is deleted; off only where no storage-service runs (identity's own tests). */
    @WithDefault("true")
    boolean purgeOnDelete();
}
