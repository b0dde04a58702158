package dev.wharf.identity.health;

import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when Keycloak answers and identity-service can sign in to its admin API. */
@Readiness
@ApplicationScoped
public class KeycloakReadiness implements HealthCheck {
    private final KeycloakAdmin keycloak;
    private final AdminClientBootstrap bootstrap;
    private final String url;

    @Inject
    public KeycloakReadiness(KeycloakAdmin keycloak, AdminClientBootstrap bootstrap, KeycloakConfig config) {
        this.keycloak = keycloak;
        this.bootstrap = bootstrap;
        this.url = config.url();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("keycloak").withData("url", url);
        if (!keycloak.reachable()) {
            return b.down().withData("error", "Keycloak does not answer").build();
        }
        if (!bootstrap.ensure()) {
            String error = bootstrap.lastError();
            return b.down().withData("error", error == null ? "admin client not ensured yet" : error).build();
        }
        return b.up().build();
    }
}
