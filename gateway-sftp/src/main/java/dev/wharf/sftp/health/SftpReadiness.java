package dev.wharf.sftp.health;

import dev.wharf.api.http.ServiceProbe;
import dev.wharf.sftp.server.SftpLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;

/**
 * Ready while the SSH port is bound and the gateway is not draining: what this replica alone cannot do. identity,
 * policy and storage's readiness are details only: every replica shares them, so failing on them would take every
 * gateway out of the load balancer at once, and clients would get a refused connection instead of a reply that says
 * why (logins and transfers refuse with {@code service_unavailable}).
 */
@Readiness
@ApplicationScoped
public class SftpReadiness implements HealthCheck {
    private final SftpLifecycle lifecycle;
    private final ServiceProbe probe;
    private final URI identity;
    private final URI policy;
    private final URI storage;

    // the URLs of wharf.services.* (wharf-api's ServicesConfig, which owns the keys and defaults)
    @Inject
    public SftpReadiness(SftpLifecycle lifecycle, ServiceProbe probe,
                         @ConfigProperty(name = "wharf.services.identity-url") URI identity,
                         @ConfigProperty(name = "wharf.services.policy-url") URI policy,
                         @ConfigProperty(name = "wharf.services.storage-url") URI storage) {
        this.lifecycle = lifecycle;
        this.probe = probe;
        this.identity = identity;
        this.policy = policy;
        this.storage = storage;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("sftp");
        boolean listening = lifecycle.gateway().isListening();
        b.withData("port", listening ? "bound " + lifecycle.gateway().port() : "not bound");
        boolean accepting = lifecycle.gateway().isAccepting();
        if (listening && !accepting) {
            b.withData("state", "shutting down");
        }
        detail(b, "identity-service", identity);
        detail(b, "policy-service", policy);
        detail(b, "storage-service", storage);
        b.withData("sessions", lifecycle.gateway().metrics().openSessions());
        return b.status(accepting).build();
    }

    private void detail(HealthCheckResponseBuilder b, String service, URI url) {
        b.withData(service, probe.probe(service, url).detail());
    }
}
