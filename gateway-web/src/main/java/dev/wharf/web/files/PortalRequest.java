package dev.wharf.web.files;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.FileOperations;
import dev.wharf.core.tenant.AdminRole;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.core.session.SessionLog;
import dev.wharf.core.storage.StoragePort;
import dev.wharf.web.http.Proxies;
import dev.wharf.web.signin.CsrfTokens;
import dev.wharf.web.signin.HostTenantConfigResolver;
import dev.wharf.web.signin.PortalTenants;
import dev.wharf.web.signin.WebSessions;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdToken;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;

/**
 * What one signed-in page request works with: its tenant, user, gateway session, file operations and CSRF token.
 * Templates read it as {@code inject:portal} (whether to show the administrators' pages).
 */
@RequestScoped
@Named("portal")
public class PortalRequest {
    @Inject
    @IdToken
    JsonWebToken idToken;
    @Inject
    AccessTokenCredential accessToken;
    @Inject
    RoutingContext context;
    @Inject
    WebSessions sessions;
    @Inject
    StoragePort storage;
    @Inject
    CsrfTokens csrf;
    @Inject
    PortalTenants portal;
    @Inject
    Proxies proxies;

    private GatewaySession session;
    private Boolean tenantAdmin;

    /** The logged-in gateway session (the login chain runs on the first request of a sign-in). */
    public GatewaySession session() {
        if (session == null) {
            if (operatorConsole()) {
                // the base domain is no tenant's: nobody's files, keys or administrators' pages live there
                throw new WharfException(Reason.NOT_FOUND, "the operator console has tenants and bans only");
            }
            SocketAddress remote = context.request().remoteAddress();
            Instant expiry = accessToken.getToken() == null ? Instant.now() : expiryOf();
            String host = HostTenantConfigResolver.hostOf(context);
            String client = proxies.client(context.request());
            session = sessions.session(host, portal.loginName(host, idToken.getName()),
                    accessToken.getToken(), expiry, client, remote.port());
            // every later line this request logs names the session, as in the FTP and SFTP gateways; Quarkus keeps
            // the MDC in the request's context, and the end of the request takes it out again
            SessionLog.Entered logged = SessionLog.enter(session);
            context.addEndHandler(done -> logged.close());
        }
        return session;
    }

    public FileOperations files() {
        return new FileOperations(session(), storage, sessions.audit());
    }

    public String csrfToken() {
        return csrf.token(csrfScope(), keycloakSession());
    }

    public void checkCsrf(String presented) {
        csrf.check(csrfScope(), keycloakSession(), presented);
    }

    /** What a CSRF token is bound to besides the sign-in: the tenant, or the operator console. */
    private String csrfScope() {
        return operatorConsole() ? PortalTenants.OPERATOR_CONSOLE : tenant();
    }

    /** Whether this request came to the operator console (the base domain itself, no tenant's host). */
    public boolean operatorConsole() {
        return portal.isOperatorConsole(HostTenantConfigResolver.hostOf(context));
    }

    /**
     * The signed-in platform operator's name, on the operator console only: the access token (admin realm) carries
     * the realm role {@code wharf-operator}. Anyone else, a tenant administrator on their tenant's host included,
     * gets 403 {@code permission_denied} with a page that says where operators go. It decides only what the
     * console shows: identity-service and policy-service check the token again on every call.
     */
    public String operator() {
        if (!operatorConsole() || !TokenRoles.of(accessToken()).contains(AdminRole.OPERATOR)) {
            throw new ExplainedRefusal(Reason.PERMISSION_DENIED, "Tenants and bans are for platform operators, "
                    + "in the operator console on the platform's base domain (not a tenant's host name).", null);
        }
        return idToken.getName();
    }

    public String tenant() {
        return session().tenant();
    }

    public String accessToken() {
        return accessToken.getToken();
    }

    /**
     * Whether the signed-in user administers the tenant: the access token Keycloak gave this gateway carries the
     * realm role. It decides only what the portal shows; identity-service checks the token again on every call.
     */
    public boolean tenantAdmin() {
        if (tenantAdmin == null) {
            tenantAdmin = TokenRoles.of(accessToken()).contains(AdminRole.TENANT_ADMIN);
        }
        return tenantAdmin;
    }

    /** The signed-in user's tenant, after the login chain; 404 {@code not_found} for anyone but its administrators. */
    public String adminTenant() {
        String tenant = tenant();
        if (!tenantAdmin()) {
            throw new WharfException(Reason.NOT_FOUND, "administrators' pages are for tenant administrators");
        }
        return tenant;
    }

    private String keycloakSession() {
        Object sid = idToken.getClaim("sid");
        // Keycloak puts the session id in every ID token; without one, the token's own id still ties it to a sign-in
        return sid != null ? sid.toString() : idToken.getTokenID() + "|" + idToken.getIssuedAtTime();
    }

    private Instant expiryOf() {
        // the access token's lifetime bounds how long the session (and its grant) is reused without asking again
        long exp = idToken.getExpirationTime();
        return Instant.ofEpochSecond(exp);
    }
}
