package dev.wharf.cli.api;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The OAuth password grant that signs the CLI in: Keycloak's token endpoint, public client {@code wharf-admin}. */
public final class TokenRequest {
    /** The public client whose tokens carry realm roles (admin-cli's are lightweight in Keycloak 26). */
    public static final String CLIENT_ID = "wharf-admin";

    private TokenRequest() {
    }

    /** {@code <keycloak>/realms/<realm>/protocol/openid-connect/token}. */
    public static URI endpoint(String keycloakUrl, String realm) {
        return URI.create(keycloakUrl + "/realms/" + UrlPaths.segment(realm) + "/protocol/openid-connect/token");
    }

    /** The form body: grant_type=password, client_id, username, password (URL-encoded). */
    public static String form(String user, String password) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "password");
        fields.put("client_id", CLIENT_ID);
        fields.put("username", user);
        fields.put("password", password);
        return encode(fields);
    }

    /** An {@code application/x-www-form-urlencoded} body of {@code fields}, in their order. */
    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The whole request. */
    public static HttpRequest build(Connection c, Duration timeout) {
        return HttpRequest.newBuilder(endpoint(c.keycloakUrl(), c.signInRealm()))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(c.signInUser(), c.password()), StandardCharsets.UTF_8))
                .build();
    }
}
