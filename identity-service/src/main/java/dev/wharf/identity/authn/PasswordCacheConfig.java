package dev.wharf.identity.authn;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The password-check cache ({@code wharf.identity.password-cache.*}, {@code WHARF_IDENTITY_PASSWORD_CACHE_*}). */
@ConfigMapping(prefix = "wharf.identity.password-cache")
public interface PasswordCacheConfig {
    /** How long a successful password check is reused without asking Keycloak; PT0S turns the cache off. */
    @WithDefault("PT30S")
    Duration ttl();

    /** At most this many cached checks; beyond it new successes are not cached. */
    @WithDefault("10000")
    int maxEntries();
}
