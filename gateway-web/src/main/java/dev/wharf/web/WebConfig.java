package dev.wharf.web;

import dev.wharf.core.tenant.Tenancy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The web portal's settings ({@code wharf.web.*}, or {@code WHARF_WEB_*}); gateway-web/README.md lists them all. */
@ConfigMapping(prefix = "wharf.web")
public interface WebConfig {
    /** HTTPS port of the portal (application.properties passes it to {@code quarkus.http.ssl-port}). */
    @WithDefault("8443")
    int port();

    /** Largest upload (request body), e.g. {@code 10G} (passed to {@code quarkus.http.limits.max-body-size}). */
    @WithDefault("10G")
    String maxUploadSize();

    /** Keycloak's base URL as browsers and this gateway reach it, e.g. {@code https://id.example.com}. */
    String keycloakUrl();

    /** The tenant realms' client browsers sign in with (created by identity-service). */
    @WithDefault("wharf-web")
    String clientId();

    /**
     * Where tenants live (identity-service's {@code wharf.identity.tenancy}): a realm per tenant, or organizations of
     * {@link #tenantRealm()}, where the portal names its tenant with the request parameter {@code wharf_tenant}.
     */
    @WithDefault(Tenancy.DEFAULT)
    Tenancy tenancy();

    /** The realm whose organizations are the tenants (identity-service's {@code wharf.identity.tenant-realm}). */
    @WithDefault("wharf")
    String tenantRealm();

    /**
     * The admin realm (identity-service's {@code wharf.keycloak.admin-realm}): platform operators sign in to the
     * operator console on the base domain there (client {@link #clientId()}, which identity-service creates).
     */
    @WithDefault("master")
    String adminRealm();

    /**
     * Secret (32 characters or more) that encrypts the sign-in state and session cookies and signs CSRF tokens.
     * Replicas behind one balancer must share it; unset, each start makes a random one (sessions end on restart).
     */
    Optional<String> sessionSecret();
}
