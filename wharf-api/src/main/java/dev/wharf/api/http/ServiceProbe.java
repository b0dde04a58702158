package dev.wharf.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a Wharf service whether it is ready ({@code GET <url>/q/health/ready}), for the gateways' own readiness
 * checks: a gateway that cannot reach identity, policy or storage should not receive clients.
 */
public final class ServiceProbe {
    private final HttpClient client;
    private final Duration timeout;

    public ServiceProbe(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * One probe's outcome.
     *
     * @param up     true when the service answered 200
     * @param detail {@code ready}, the HTTP status, or why it could not be reached (for the health check's data)
     */
    public record Status(String service, URI url, boolean up, String detail) {
    }

    /** Probes {@code base}/q/health/ready; never throws. */
    public Status probe(String service, URI base) {
        String b = base.toString();
        URI url = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/q/health/ready");
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                ServiceHttp.readLimited(in); // drain the small body so the connection can be reused
            }
            return r.statusCode() == 200
                    ? new Status(service, url, true, "ready")
                    : new Status(service, url, false, "HTTP " + r.statusCode());
        } catch (IOException e) {
            return new Status(service, url, false, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status(service, url, false, "interrupted");
        }
    }
}
