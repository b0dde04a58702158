package dev.wharf.keycloak.signin;

import dev.wharf.core.tenant.TenantUserName;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.CookieAuthenticator;
import org.keycloak.services.managers.AuthenticationManager;

import java.util.Optional;

/**
 * Keycloak's cookie step for the tenant realm: the browser's Keycloak session counts only for the tenant the portal
 * asked for ({@code wharf_tenant}). All tenants share one realm and so one session cookie; without this check,
 * a user signed in at one tenant's portal would be signed in at any other tenant's portal as themself, as a user of
 * the wrong tenant. Another tenant's session leaves the step "attempted": the form follows.
 */
public class TenantCookieAuthenticator extends CookieAuthenticator {
    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationManager.AuthResult cookie = AuthenticationManager.authenticateIdentityCookie(
                context.getSession(), context.getRealm(), true);
        Optional<String> tenant = TenantUserNameForm.tenant(context);
        if (cookie != null && cookie.user() != null
                && (tenant.isEmpty() || !TenantUserName.belongsTo(cookie.user().getUsername(), tenant.get()))) {
            context.attempted();
            return;
        }
        super.authenticate(context);
    }
}
