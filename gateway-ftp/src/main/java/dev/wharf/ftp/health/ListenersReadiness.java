package dev.wharf.ftp.health;

import dev.wharf.ftp.server.FtpGateway;
import dev.wharf.ftp.server.FtpGatewayService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while every FTP/FTPS control listener is bound. */
@Readiness
@ApplicationScoped
public class ListenersReadiness implements HealthCheck {
    private final FtpGatewayService service;

    @Inject
    public ListenersReadiness(FtpGatewayService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("ftp-listeners");
        FtpGateway g = service.gateway().orElse(null);
        if (g == null) {
            return b.down().withData("detail", "not started").build();
        }
        g.listeners().forEach(l -> b.withData(l.name(), l.address() + ":" + l.port()));
        return b.status(g.listening()).build();
    }
}
