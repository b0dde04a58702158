package dev.wharf.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Calls the admin APIs of identity-service and policy-service with the signed-in token; answers the response
 * body as JSON ({@link MissingNode} when there is none) or throws {@link ApiException} with the service's reason.
 */
public final class AdminApi {
    private final Connection connection;
    private final ObjectMapper json;
    private final Http http = new Http();
    private final SignIn signIn;

    public AdminApi(Connection connection, ObjectMapper json) {
        this.connection = connection;
        this.json = json;
        this.signIn = new SignIn(connection, http, json);
    }

    public Connection connection() {
        return connection;
    }

    /** A call to identity-service; {@code path} starts with {@code /v1/}; {@code body} may be null. */
    public JsonNode identity(String method, String path, JsonNode body) {
        return call("identity-service", connection.identityUrl(), method, path, body,
                "is the platform running (./wharf status)? Otherwise set --identity-url or WHARF_IDENTITY_URL");
    }

    /** A call to policy-service. */
    public JsonNode policy(String method, String path, JsonNode body) {
        return call("policy-service", connection.policyUrl(), method, path, body,
                "is the platform running (./wharf status)? Otherwise set --policy-url or WHARF_POLICY_URL");
    }

    private JsonNode call(String service, String base, String method, String path, JsonNode body, String fix) {
        String token = signIn.token();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Http.REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), service, fix);
        if (r.statusCode() >= 400) {
            throw ApiErrors.from(service, method, path, r.statusCode(), parse(r.body()), connection);
        }
        return parse(r.body());
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (Exception e) {
            return json.getNodeFactory().textNode(body);
        }
    }
}
