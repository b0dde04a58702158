package dev.wharf.cli.api;

import dev.wharf.cli.CliException;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The one HTTP client of a CLI run; turns "cannot connect" into exit 3 with the URL and what to check. */
final class Http {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    // creating a tenant (a Keycloak realm) takes several seconds on a busy machine
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    HttpResponse<String> send(HttpRequest request, String what, String fix) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw CliException.unreachable(what + " at " + origin(request) + " did not answer in time", fix);
        } catch (IOException e) {
            throw CliException.unreachable("cannot reach " + what + " at " + origin(request)
                    + (e.getMessage() != null ? " (" + e.getMessage() + ")" : " (" + e.getClass().getSimpleName() + ")"),
                    fix);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.unreachable("interrupted while calling " + what);
        }
    }

    private static String origin(HttpRequest r) {
        return r.uri().getScheme() + "://" + r.uri().getAuthority();
    }
}
