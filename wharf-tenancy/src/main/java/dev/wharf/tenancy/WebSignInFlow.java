package dev.wharf.tenancy;

import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The browser flow of the web portal's client in the tenant realm (docs/TENANCY.md): Keycloak's browser flow with
 * the "Wharf tenant user name form" of our Keycloak provider in place of the username-password form, so that users
 * type {@code alice} and sign in as {@code <tenant>.alice} for the tenant the portal names ({@code wharf_tenant}).
 * The tenant's cookie (a Keycloak session of another tenant's user does not count), or the form then a one-time
 * code for users who have one. Set as the client's browser flow override;
 * identity-service calls {@link #ensure} at start (idempotent: an existing flow of that alias is kept).
 */
public final class WebSignInFlow {
    /** The flow's alias. */
    public static final String ALIAS = "wharf-web-browser";
    /** The provider id of the tenant form (keycloak-audit-listener's {@code TenantUserNameFormFactory.ID}). */
    public static final String TENANT_FORM = "wharf-tenant-username-password-form";
    /**
     * The provider id of the cookie step that honours only a session of the portal's tenant (keycloak-audit-listener's
     * {@code TenantCookieAuthenticatorFactory.ID}): every tenant shares the realm's session cookie.
     */
    public static final String TENANT_COOKIE = "wharf-tenant-cookie";
    private static final String FORMS = ALIAS + " forms";
    private static final String OTP = ALIAS + " otp";

    private WebSignInFlow() {
    }

    /** Creates the flow in {@code realm} unless it exists, and makes it the browser flow of client {@code clientId}. */
    public static void ensure(KeycloakAdminClient keycloak, String realm, String clientId) {
        keycloak.call("set up the sign-in flow of " + clientId + " in realm " + realm, kc -> {
            RealmResource r = kc.realm(realm);
            String flowId = r.flows().getFlows().stream().filter(f -> ALIAS.equals(f.getAlias()))
                    .map(AuthenticationFlowRepresentation::getId).findFirst()
                    .orElseGet(() -> create(r.flows()));
            List<ClientRepresentation> clients = r.clients().findByClientId(clientId);
            if (clients.isEmpty()) {
                throw new IllegalStateException("no client " + clientId + " in realm " + realm);
            }
            ClientRepresentation client = clients.get(0);
            Map<String, String> overrides = client.getAuthenticationFlowBindingOverrides() == null
                    ? new HashMap<>() : new HashMap<>(client.getAuthenticationFlowBindingOverrides());
            if (!flowId.equals(overrides.get("browser"))) {
                overrides.put("browser", flowId);
                client.setAuthenticationFlowBindingOverrides(overrides);
                r.clients().get(client.getId()).update(client);
            }
            return null;
        });
    }

    private static String create(AuthenticationManagementResource flows) {
        AuthenticationFlowRepresentation top = new AuthenticationFlowRepresentation();
        top.setAlias(ALIAS);
        top.setDescription("Wharf portal sign-in: the user name is qualified with the tenant the portal names");
        top.setProviderId("basic-flow");
        top.setTopLevel(true);
        top.setBuiltIn(false);
        flows.createFlow(top).close();
        flows.addExecution(ALIAS, Map.of("provider", TENANT_COOKIE));
        flows.addExecutionFlow(ALIAS, Map.of("alias", FORMS, "type", "basic-flow", "description", ""));
        flows.addExecution(FORMS, Map.of("provider", TENANT_FORM));
        flows.addExecutionFlow(FORMS, Map.of("alias", OTP, "type", "basic-flow", "description", ""));
        flows.addExecution(OTP, Map.of("provider", "conditional-user-configured"));
        flows.addExecution(OTP, Map.of("provider", "auth-otp-form"));
        require(flows, ALIAS, Map.of(TENANT_COOKIE, "ALTERNATIVE", FORMS, "ALTERNATIVE"));
        require(flows, FORMS, Map.of(TENANT_FORM, "REQUIRED", OTP, "CONDITIONAL"));
        require(flows, OTP, Map.of("conditional-user-configured", "REQUIRED", "auth-otp-form", "REQUIRED"));
        return flows.getFlows().stream().filter(f -> ALIAS.equals(f.getAlias())).findFirst().orElseThrow().getId();
    }

    /** Sets the requirement of the flow's direct executions, by provider id or subflow alias. */
    private static void require(AuthenticationManagementResource flows, String flow, Map<String, String> requirements) {
        for (AuthenticationExecutionInfoRepresentation e : flows.getExecutions(flow)) {
            String key = e.getProviderId() != null && requirements.containsKey(e.getProviderId()) ? e.getProviderId()
                    : e.getDisplayName();
            String requirement = requirements.get(key);
            if (e.getLevel() == 0 && requirement != null && !requirement.equals(e.getRequirement())) {
                e.setRequirement(requirement);
                flows.updateExecutions(flow, e);
            }
        }
    }
}
