package dev.wharf.identity.keycloak;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Where Keycloak is and how identity-service signs in to it ({@code wharf.keycloak.*}, {@code WHARF_KEYCLOAK_*}). */
@ConfigMapping(prefix = "wharf.keycloak")
public interface KeycloakConfig {
    /** Keycloak's base URL, without a trailing slash or {@code /realms}. */
    @WithDefault("http://127.0.0.1:8180")
    String url();

    /** The realm of the platform operators and of identity-service's own admin account; never a tenant. */
    @WithDefault("master")
    String adminRealm();

    /** identity-service's admin account in the admin realm (password grant, client admin-cli). */
    @WithDefault("admin")
    String adminUser();

    /** That account's password; required, never logged. */
    String adminPassword();

    /** Timeout of each call to Keycloak. */
    @WithDefault("PT10S")
    Duration timeout();

    /**
     * The public client in the admin realm whose tokens operators present to the admin API. Keycloak's own
     * {@code admin-cli} issues lightweight tokens without roles, so a client of our own carries them.
     */
    @WithDefault("wharf-admin")
    String adminClientId();

    /** Create {@link #adminClientId()} in the admin realm when it is missing (turn off where it is managed elsewhere). */
    @WithDefault("true")
    boolean ensureAdminClient();
}
