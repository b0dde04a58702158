package dev.wharf.identity.authn;

import dev.wharf.api.trace.TraceHeaders;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.identity.tenant.TenantDirectory;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.core.Reason;
import dev.wharf.core.identity.AuthResult;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.identity.keycloak.KeycloakUnavailableException;
import dev.wharf.identity.tenant.TenantDefaults;
import dev.wharf.identity.tenant.TenantIds;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Turns the access token a browser got from the tenant's web client ({@link TenantDefaults#WEB_CLIENT_ID}) into a
 * principal. Keycloak's userinfo endpoint of the tenant's realm checks signature, expiry and that the session is
 * still live (a signed-out or disabled user's token fails there); the token's own claims then must name the realm
 * and the web client, so a token of another realm or of another client (a password-grant token) opens nothing.
 */
@ApplicationScoped
public class WebTokenVerifier {
    private static final Logger LOG = Logger.getLogger(WebTokenVerifier.class);
    private static final String REALMS = "/realms/";

    private final ObjectMapper json;
    private final KeycloakConfig config;
    private final HttpClient http;
    private final String base;
    private final String adminRealm;
    private final TenantDirectory directory;

    @Inject
    public WebTokenVerifier(ObjectMapper json, KeycloakConfig config, TenantDirectory directory) {
        this.json = json;
        this.directory = directory;
        this.config = config;
        this.base = config.url().replaceAll("/+$", "");
        this.adminRealm = config.adminRealm().toLowerCase(Locale.ROOT);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }

    /** Refusals are answers; an unreachable Keycloak throws {@link KeycloakUnavailableException}. */
    public AuthResult verify(String tenant, String accessToken) {
        if (!TenantIds.isValid(tenant) || tenant.equals(adminRealm) || tenant.equals("master")) {
            return AuthResult.refused(Reason.UNKNOWN_TENANT);
        }
        if (accessToken == null || accessToken.isBlank() || accessToken.length() > 16_384) {
            return AuthResult.refused(Reason.BAD_CREDENTIALS);
        }
        Optional<Reason> closed = directory.loginRefusal(tenant);
        if (closed.isPresent()) {
            return AuthResult.refused(closed.get());
        }
        String realm = directory.realm(tenant);
        int status = userinfo(realm, accessToken);
        if (status == 404) {
            return AuthResult.refused(Reason.UNKNOWN_TENANT);
        }
        if (status != 200) {
            LOG.infof("web sign-in in tenant %s refused: Keycloak's userinfo answered HTTP %d", tenant, status);
            return AuthResult.refused(Reason.BAD_CREDENTIALS);
        }
        JsonNode claims = claims(accessToken);
        String iss = claims.path("iss").asText("");
        if (!iss.endsWith(REALMS + realm) || !TenantDefaults.WEB_CLIENT_ID.equals(claims.path("azp").asText())) {
            LOG.infof("web sign-in in tenant %s refused: token of realm %s, client %s", tenant,
                    iss.substring(Math.max(0, iss.lastIndexOf('/') + 1)), claims.path("azp").asText("-"));
            return AuthResult.refused(Reason.BAD_CREDENTIALS);
        }
        // the tenant the portal asked for must be the user's: in the shared realm, the user name's prefix
        String keycloakName = claims.path("preferred_username").asText("");
        if (directory.wharfUsername(tenant, keycloakName).isEmpty()) {
            LOG.infof("web sign-in in tenant %s refused: the token's user %s is not the tenant's", tenant,
                    VirtualPaths.printable(keycloakName));
            return AuthResult.refused(Reason.BAD_CREDENTIALS);
        }
        return AuthResult.ok(PrincipalClaims.principal(tenant, null, claims, directory));
    }

    private int userinfo(String realm, String accessToken) {
        HttpRequest req = TraceHeaders.add(HttpRequest.newBuilder(
                        URI.create(base + REALMS + realm + "/protocol/openid-connect/userinfo")))
                .timeout(config.timeout())
                .header("Authorization", "Bearer " + accessToken)
                .GET().build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new KeycloakUnavailableException("userinfo of realm " + realm + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeycloakUnavailableException("interrupted asking Keycloak", e);
        }
    }

    /** The payload of a token Keycloak has just accepted. */
    private JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return json.createObjectNode();
        }
    }
}
