package dev.wharf.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * At {@code ./wharf up}: tenants a run folder kept as Keycloak realms of their own (before organizations became the
 * default, issue 17) move into organizations through identity-service ({@code wharf tenant migrate --all}), so an
 * upgraded local platform keeps its tenants, users, passwords and 2FA. Nothing to do when none is left, or when
 * identity-service runs the realm model (it answers 400 then).
 */
final class RealmTenantMoves {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A move copies every user of the tenant in one Keycloak transaction. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private RealmTenantMoves() {
    }

    /** Moves every realm tenant; answers the ids moved. Fails when a move fails (the realm is then unchanged). */
    static List<String> moveAll(String identityUrl, String adminToken, Consumer<String> progress) {
        HttpResponse<String> pending = send("GET", identityUrl + "/v1/admin/tenant-migrations", adminToken);
        if (pending.statusCode() != 200) {
            return List.of(); // the realm model, or an identity-service without the API: nothing to move
        }
        List<String> ids = new ArrayList<>();
        readTree(pending.body()).path("tenants").forEach(t -> ids.add(t.asText()));
        for (String id : ids) {
            progress.accept("moving tenant " + id + " from its own Keycloak realm into an organization");
            HttpResponse<String> moved = send("POST", identityUrl + "/v1/admin/tenant-migrations/"
                    + URLEncoder.encode(id, StandardCharsets.UTF_8), adminToken);
            if (moved.statusCode() != 200) {
                throw new IllegalStateException("identity-service could not move tenant " + id + ": HTTP "
                        + moved.statusCode() + " " + moved.body());
            }
        }
        return ids;
    }

    private static HttpResponse<String> send(String method, String url, String token) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            return Http.client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach identity-service at " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while moving tenants", e);
        }
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("identity-service answered no JSON: " + body, e);
        }
    }
}
