package dev.wharf.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** identity-service's admin API as a platform operator, for tests that set up tenants and users. */
final class AdminApi {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;
    private final String token;

    AdminApi(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** Sends a JSON body and insists on a 2xx answer (409: already there from an earlier run is fine too). */
    String send(String method, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() / 100 == 2 || response.statusCode() == 409,
                    method + " " + path + " -> " + response.statusCode() + " " + response.body());
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void tenant(String id, String settingsJson) {
        send("POST", "/v1/admin/tenants", "{\"id\":\"" + id + "\"}");
        if (settingsJson != null) {
            send("PUT", "/v1/admin/tenants/" + id + "/settings", settingsJson);
        }
    }

    void user(String tenant, String username, String password, String extraJson) {
        send("POST", "/v1/admin/tenants/" + tenant + "/users", "{\"username\":\"" + username + "\",\"password\":\""
                + password + "\"" + (extraJson == null ? "" : "," + extraJson) + "}");
    }
}
