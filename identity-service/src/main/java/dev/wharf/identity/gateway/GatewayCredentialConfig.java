package dev.wharf.identity.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The gateways' service account in the admin realm ({@code wharf.identity.gateways.*}, {@code WHARF_IDENTITY_GATEWAYS_*}). */
@ConfigMapping(prefix = "wharf.identity.gateways")
public interface GatewayCredentialConfig {
    /** Client id of the gateways' confidential client. */
    @WithDefault("wharf-gateways")
    String clientId();

    /**
     * The client's secret, the same the gateways are given. When set, identity-service creates the client (or
     * brings its secret, scope and role up to date) at start; when unset, the client is managed elsewhere.
     */
    Optional<String> clientSecret();

    /** Lifetime of the gateways' tokens: how long a Keycloak outage leaves gateway-to-service calls working. */
    @WithDefault("PT15M")
    Duration tokenLifetime();
}
