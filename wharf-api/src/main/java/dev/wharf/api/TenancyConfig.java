package dev.wharf.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** How a gateway maps host names to tenants ({@code wharf.tenancy.*}, or {@code WHARF_TENANCY_*}). */
@ConfigMapping(prefix = "wharf.tenancy")
public interface TenancyConfig {
    /** The platform's base domain: {@code acme.<base-domain>} is tenant {@code acme}. */
    @WithDefault("localhost")
    String baseDomain();

    /** The tenant of logins that name none (no SNI, HOST or qualified user name); unset = such logins fail. */
    Optional<String> defaultTenant();
}
