package dev.wharf.api.auth;

/**
 * Names of the gateways' service credential (docs/DECISIONS.md, "Trust inside the platform"): a Keycloak
 * client-credentials token of a confidential client in the admin realm whose service account has one realm role.
 * identity-service and policy-service accept only tokens with that role on the gateways' endpoints.
 */
public final class GatewayCredential {
    /** The admin-realm role a gateway's token must carry. */
    public static final String ROLE = "wharf-gateway";
    /** The default client id of the gateways' service account. */
    public static final String DEFAULT_CLIENT_ID = "wharf-gateways";

    private GatewayCredential() {
    }
}
