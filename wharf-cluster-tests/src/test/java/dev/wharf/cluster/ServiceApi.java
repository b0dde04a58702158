package dev.wharf.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** JSON calls to a service's API (through HAProxy or to one replica), and TOTP codes from oathtool. */
final class ServiceApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceApi() {
    }

    /** Sends {@code body} as JSON with a bearer token; the answer's JSON (with {@code status} added). */
    static JsonNode call(String method, String url, String token, Map<String, ?> body) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json").header("Accept", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode node = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            if (!node.isObject()) {
                node = JSON.createObjectNode().set("value", node);
            }
            ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("status", r.statusCode());
            return node;
        } catch (IOException e) {
            throw new AssertionError(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The current TOTP code (RFC 6238, SHA-1, 6 digits, 30 s) of a base32 secret, as oathtool computes it. */
    static String totp(String base32Secret) {
        Curl.Result r = Curl.exec(List.of("oathtool", "--totp", "-b", base32Secret));
        if (!r.ok()) {
            throw new AssertionError("oathtool: " + r);
        }
        return r.output().strip();
    }
}
