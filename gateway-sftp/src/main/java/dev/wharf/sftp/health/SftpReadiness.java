package dev.wharf.sftp.health;

import dev.wharf.api.ServicesConfig;
import dev.wharf.api.http.ServiceProbe;
import dev.wharf.sftp.server.SftpLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.net.URI;

/**
 * Ready when the SSH port is bound and identity, policy and storage answer their own readiness: a gateway that
 * cannot log anybody in or serve files should not get clients from the load balancer.
 */
@Readiness
@ApplicationScoped
public class SftpReadiness implements HealthCheck {
    private final SftpLifecycle lifecycle;
    private final ServiceProbe probe;
    private final ServicesConfig services;

    @Inject
    public SftpReadiness(SftpLifecycle lifecycle, ServiceProbe probe, ServicesConfig services) {
        this.lifecycle = lifecycle;
        this.probe = probe;
        this.services = services;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("sftp");
        boolean listening = lifecycle.gateway().isListening();
        b.withData("port", listening ? "bound " + lifecycle.gateway().port() : "not bound");
        boolean up = listening;
        up &= check(b, "identity-service", services.identityUrl());
        up &= check(b, "policy-service", services.policyUrl());
        up &= check(b, "storage-service", services.storageUrl());
        b.withData("sessions", lifecycle.gateway().metrics().openSessions());
        return b.status(up).build();
    }

    private boolean check(HealthCheckResponseBuilder b, String service, URI url) {
        ServiceProbe.Status s = probe.probe(service, url);
        b.withData(service, s.detail());
        return s.up();
    }
}
