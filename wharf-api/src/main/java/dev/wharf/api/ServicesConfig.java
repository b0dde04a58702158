package dev.wharf.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/** Where a gateway finds the services ({@code wharf.services.*}, or {@code WHARF_SERVICES_*} in the environment). */
@ConfigMapping(prefix = "wharf.services")
public interface ServicesConfig {
    /** Base URL of identity-service. */
    @WithDefault("http://127.0.0.1:8081")
    URI identityUrl();

    /** Base URL of policy-service. */
    @WithDefault("http://127.0.0.1:8082")
    URI policyUrl();

    /** Base URL of storage-service. */
    @WithDefault("http://127.0.0.1:8083")
    URI storageUrl();

    /** Connect timeout, and how long a call may wait for its answer (for downloads: until the body starts). */
    @WithDefault("PT10S")
    Duration timeout();

    /** How long an upload may wait for storage-service's answer after its last byte (the object is finished first). */
    @WithDefault("PT2M")
    Duration commitTimeout();

    /** The gateway's service credential towards identity-service and policy-service. */
    Credential credential();

    /** A Keycloak client-credentials grant of the gateways' client in the admin realm (docs/DECISIONS.md). */
    interface Credential {
        /** Keycloak's token endpoint of the admin realm. */
        @WithDefault("http://127.0.0.1:8180/realms/master/protocol/openid-connect/token")
        URI tokenUrl();

        /** Client id of the gateways' service account. */
        @WithDefault("wharf-gateways")
        String clientId();

        /** Its secret (from a Secret in a cluster, {@code .wharf/secrets/} locally); unset: calls carry none and are refused. */
        java.util.Optional<String> clientSecret();
    }
}
