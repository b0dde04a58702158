package dev.wharf.ftp.health;

import dev.wharf.api.ServicesConfig;
import dev.wharf.api.http.ServiceProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * identity-, policy- and storage-service's readiness as details, always UP: every replica shares them, so a
 * DOWN here would take every gateway out of the load balancer at once and clients would get a refused connection
 * instead of the reply that says what is wrong (logins and transfers refuse with {@code service_unavailable}).
 */
@Readiness
@ApplicationScoped
public class ServicesReadiness implements HealthCheck {
    private final ServiceProbe probe;
    private final ServicesConfig services;

    @Inject
    public ServicesReadiness(ServiceProbe probe, ServicesConfig services) {
        this.probe = probe;
        this.services = services;
    }

    @Override
    public HealthCheckResponse call() {
        List<ServiceProbe.Status> all = List.of(
                probe.probe("identity-service", services.identityUrl()),
                probe.probe("policy-service", services.policyUrl()),
                probe.probe("storage-service", services.storageUrl()));
        HealthCheckResponseBuilder b = HealthCheckResponse.named("wharf-services");
        all.forEach(s -> b.withData(s.service(), s.up() ? "ready" : s.url() + ": " + s.detail()));
        return b.up().build();
    }
}
