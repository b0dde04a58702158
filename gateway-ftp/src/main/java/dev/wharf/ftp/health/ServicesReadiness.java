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
 * Ready only while identity-, policy- and storage-service answer their own readiness: a gateway that cannot check
 * logins or reach files should be taken out of the load balancer rather than refuse every client.
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
        return b.status(all.stream().allMatch(ServiceProbe.Status::up)).build();
    }
}
