package dev.wharf.keycloak.move;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * {@code POST /realms/master/wharf-tenant-move/{tenant}?to=<shared realm>}: moves a realm tenant into its
 * organization ({@link TenantMove}). Only an administrator of the admin realm (realm role {@code admin}, as
 * identity-service's own account has) may call it; anything else is 401/403 before a realm is looked at.
 */
public final class TenantMoveResource {
    private static final Logger LOG = Logger.getLogger(TenantMoveResource.class);
    /** Realm attribute of a realm-per-tenant tenant (identity-service's TenantDefaults.TENANT_MARKER). */
    static final String TENANT_MARKER = "wharf.tenant";

    private final KeycloakSession session;

    TenantMoveResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Path("{tenant}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response move(@PathParam("tenant") String tenant, @QueryParam("to") String target) {
        requireAdministrator();
        RealmModel from = session.realms().getRealmByName(tenant);
        RealmModel to = target == null ? null : session.realms().getRealmByName(target);
        if (from == null || from.getAttribute(TENANT_MARKER) == null || Config.getAdminRealm().equals(tenant)) {
            throw new NotFoundException("no realm tenant " + tenant);
        }
        if (to == null || to.equals(from) || !to.isOrganizationsEnabled()) {
            throw new NotFoundException("no shared realm with organizations: " + target);
        }
        try {
            TenantMove.Moved moved = new TenantMove(session, from, to).run();
            LOG.infof("tenant %s moved from its realm into organization %s of realm %s: %d users, %d groups, "
                    + "%d credentials", tenant, tenant, target, moved.users(), moved.groups(), moved.credentials());
            return Response.ok(Map.of("users", moved.users(), "groups", moved.groups(),
                    "credentials", moved.credentials())).build();
        } catch (IllegalStateException e) {
            session.getTransactionManager().setRollbackOnly();
            return Response.status(Response.Status.CONFLICT).entity(Map.of("error", e.getMessage())).build();
        }
    }

    private void requireAdministrator() {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null) {
            throw new NotAuthorizedException("Bearer");
        }
        RealmModel admin = session.realms().getRealmByName(Config.getAdminRealm());
        RoleModel role = admin == null ? null : admin.getRole(AdminRoles.ADMIN);
        if (role == null || !admin.equals(auth.session().getRealm()) || !auth.user().hasRole(role)) {
            throw new ForbiddenException("an administrator of the admin realm only");
        }
    }
}
