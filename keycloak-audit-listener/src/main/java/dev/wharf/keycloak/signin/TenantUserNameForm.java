package dev.wharf.keycloak.signin;

import dev.wharf.core.tenant.TenantUserName;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.validation.Validation;

import java.util.Optional;

/**
 * Keycloak's username-password form for the tenant realm: the user types {@code alice} and signs in as
 * {@code <tenant>.alice}, the tenant being the one the portal asked for (authorization request parameter
 * {@code wharf_tenant}, kept by Keycloak as the client note {@value #TENANT_NOTE}). Without a tenant, or when the
 * user found is not the tenant's (an e-mail address of another tenant's user), the answer is the one a wrong
 * password gets: nothing tells which names exist where.
 */
public class TenantUserNameForm extends UsernamePasswordForm {
    /** Where Keycloak keeps the portal's {@code wharf_tenant} request parameter in the authentication session. */
    public static final String TENANT_NOTE = "client_request_param_wharf_tenant";

    public TenantUserNameForm(KeycloakSession session) {
        super(session);
    }

    @Override
    protected boolean validateForm(AuthenticationFlowContext context, MultivaluedMap<String, String> formData) {
        Optional<String> tenant = tenant(context);
        if (tenant.isEmpty()) {
            return refused(context);
        }
        String typed = formData.getFirst(Validation.FIELD_USERNAME);
        MultivaluedMap<String, String> qualified = new MultivaluedHashMap<>();
        formData.forEach(qualified::put);
        if (typed != null && !typed.isBlank()) {
            qualified.putSingle(Validation.FIELD_USERNAME, new TenantUserName(tenant.get(), typed.strip()).qualified());
        }
        if (!super.validateForm(context, qualified)) {
            return false;
        }
        UserModel user = context.getUser();
        if (user == null || !TenantUserName.belongsTo(user.getUsername(), tenant.get())) {
            context.clearUser();
            return refused(context);
        }
        return true;
    }

    /** The tenant the portal asked for, when it is a tenant id at all. */
    static Optional<String> tenant(AuthenticationFlowContext context) {
        String note = context.getAuthenticationSession() == null ? null
                : context.getAuthenticationSession().getClientNote(TENANT_NOTE);
        return Optional.ofNullable(note).filter(TenantUserName::isTenantId);
    }

    private boolean refused(AuthenticationFlowContext context) {
        context.getEvent().error(Errors.USER_NOT_FOUND);
        Response challenge = challenge(context, getDefaultChallengeMessage(context), Validation.FIELD_USERNAME);
        context.failureChallenge(AuthenticationFlowError.INVALID_USER, challenge);
        return false;
    }
}
