package dev.wharf.storage.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/** Where storage-service gets the keys that verify session grants ({@code wharf.storage.grants.*}). */
@ConfigMapping(prefix = "wharf.storage.grants")
public interface GrantConfig {
    /** identity-service's published verification keys (JWKS). */
    @WithDefault("http://127.0.0.1:8081/v1/grants/keys")
    URI keysUrl();

    /** How long fetched keys are used before they are fetched again (and kept when identity-service is away). */
    @WithDefault("PT10M")
    Duration cacheFor();

    /** A grant signed by an unknown key makes the keys be fetched again, at most this often (rotation). */
    @WithDefault("PT30S")
    Duration minRefresh();
}
