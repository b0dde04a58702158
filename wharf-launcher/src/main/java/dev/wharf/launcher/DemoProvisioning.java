package dev.wharf.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Creates the demo tenant and user through identity-service's admin API (docs/service-api.md), as a platform
 * operator would; idempotent, so a second {@code ./wharf up} over the same data is fine.
 */
final class DemoProvisioning {

    /** What provisioning did, for the ready message. */
    enum Outcome {
        /** Tenant and/or user were made now. */
        CREATED,
        /** Both existed from an earlier run; the user's password was set to the one given now. */
        ALREADY_THERE
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private DemoProvisioning() {
    }

    /** Makes sure {@code tenant} and {@code user} (with {@code password}) exist, using a master-realm admin token. */
    static Outcome ensure(String identityUrl, String adminToken, String tenant, String user, String password) {
        boolean tenantCreated = create(identityUrl + "/v1/admin/tenants", adminToken, Map.of("id", tenant),
                "tenant " + tenant);
        Map<String, Object> userBody = new LinkedHashMap<>();
        userBody.put("username", user);
        userBody.put("password", password);
        String users = identityUrl + "/v1/admin/tenants/" + encode(tenant) + "/users";
        boolean userCreated = create(users, adminToken, userBody, "user " + user + " in tenant " + tenant);
        if (!userCreated) {
            // WHARF_DEMO_PASSWORD may differ from the password of an earlier run: the one printed must work
            send("PUT", users + "/" + encode(user) + "/password", adminToken, Map.of("password", password),
                    "the password of user " + user);
        }
        return tenantCreated || userCreated ? Outcome.CREATED : Outcome.ALREADY_THERE;
    }

    /** POSTs {@code body}; true on 201, false on 409 already_exists, else fails with the service's reason. */
    private static boolean create(String url, String token, Map<String, ?> body, String what) {
        return send("POST", url, token, body, what);
    }

    /** Sends {@code body}; true on 2xx, false on 409 already_exists, else fails with the service's reason. */
    private static boolean send(String method, String url, String token, Map<String, ?> body, String what) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = Http.client().send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return true;
            }
            String reason = reason(response.body());
            if (status == 409 && "already_exists".equals(reason)) {
                return false;
            }
            throw new IllegalStateException("identity-service refused " + what + ": HTTP " + status
                    + " reason=" + reason + " (" + url + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach identity-service at " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + what, e);
        }
    }

    /** The {@code reason} of an error body, or the raw body (shortened) when it is not the documented shape. */
    private static String reason(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("reason")) {
                return node.get("reason").asText();
            }
        } catch (IOException e) {
            // not JSON: fall through to the raw text
        }
        return body == null ? "" : body.substring(0, Math.min(200, body.length()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
