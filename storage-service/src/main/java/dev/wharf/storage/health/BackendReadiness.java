package dev.wharf.storage.health;

import dev.wharf.core.WharfException;
import dev.wharf.storage.backend.StorageBackend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the backend can store files: the local root is writable, or the bucket answers. */
@Readiness
@ApplicationScoped
public class BackendReadiness implements HealthCheck {
    @Inject
    StorageBackend backend;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("storage-backend").withData("backend", backend.kind());
        try {
            backend.checkReady();
            return response.up().build();
        } catch (WharfException e) {
            return response.down().withData("reason", e.reason().code()).withData("message", e.getMessage()).build();
        } catch (RuntimeException e) {
            return response.down().withData("reason", "internal_error").withData("message", e.toString()).build();
        }
    }
}
