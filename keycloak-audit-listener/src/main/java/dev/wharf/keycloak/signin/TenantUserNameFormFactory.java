package dev.wharf.keycloak.signin;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.models.KeycloakSession;

/** Registers {@link TenantUserNameForm} as authenticator {@value #ID} ("Wharf tenant user name form"). */
public final class TenantUserNameFormFactory extends UsernamePasswordFormFactory {
    /** The provider id a flow's execution names. */
    public static final String ID = "wharf-tenant-username-password-form";

    @Override
    public Authenticator create(KeycloakSession session) {
        return new TenantUserNameForm(session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Wharf tenant user name form";
    }

    @Override
    public String getHelpText() {
        return "Username and password of the tenant named by the wharf_tenant request parameter: alice signs in as"
                + " <tenant>.alice.";
    }
}
