package dev.wharf.keycloak.signin;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.CookieAuthenticatorFactory;
import org.keycloak.models.KeycloakSession;

/** Registers {@link TenantCookieAuthenticator} as authenticator {@value #ID} ("Wharf tenant cookie"). */
public final class TenantCookieAuthenticatorFactory extends CookieAuthenticatorFactory {
    /** The provider id a flow's execution names. */
    public static final String ID = "wharf-tenant-cookie";
    private static final TenantCookieAuthenticator SINGLETON = new TenantCookieAuthenticator();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Wharf tenant cookie";
    }

    @Override
    public String getHelpText() {
        return "Keycloak's cookie step, for a session of a user of the tenant named by wharf_tenant only.";
    }
}
