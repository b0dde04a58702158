package dev.wharf.identity.tenant;

import dev.wharf.tenancy.RealmAttributes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.tenancy.UserAttributes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a new tenant's realm starts with, in one place: the gateways' password-check client, brute-force
 * detection (off), the OTP policy, the site settings (realm attributes under {@code wharf.}) and the user profile.
 */
public final class TenantDefaults {
    /** The public client the gateways check passwords with (direct access grant only). */
    public static final String GATEWAY_CLIENT_ID = "wharf-gateway";

    /**
     * The public client of the tenant's web portal (gateway-web): browser sign-in only (authorization code with
     * PKCE S256), its access tokens carry the same Wharf claims as {@link #GATEWAY_CLIENT_ID}'s.
     */
    public static final String WEB_CLIENT_ID = "wharf-web";

    /**
     * The public client identity-service checks a password alone with (no second factor): its direct grant runs
     * {@link #PASSWORD_ONLY_FLOW}, so the password of a 2FA or keys-only user is verified before any reason that
     * would tell a stranger the account exists (issue 11, must-have 4).
     */
    public static final String PASSWORD_CHECK_CLIENT_ID = "wharf-password-check";

    /** The direct-grant flow of {@link #PASSWORD_CHECK_CLIENT_ID}: user name and password, nothing else. */
    public static final String PASSWORD_ONLY_FLOW = "wharf-password-only";

    /** Keycloak's direct-grant authenticators of {@link #PASSWORD_ONLY_FLOW}, in order. */
    public static final List<String> PASSWORD_ONLY_AUTHENTICATORS =
            List.of("direct-grant-validate-username", "direct-grant-validate-password");

    /**
     * Keycloak's per-user brute-force lockout is off: it counts everyone's failures, so strangers could lock the
     * real user out, and a locked user's right password looks wrong. identity-service's per-account throttle
     * replaces it (DECISIONS.md, "No lockout of the real user by strangers").
     */
    public static final Map<String, Object> BRUTE_FORCE = Map.of("bruteForceProtected", false);

    /** Realm attribute that marks a realm as a Wharf tenant; other realms in a shared Keycloak are left alone. */
    public static final String TENANT_MARKER = "wharf.tenant";

    /** Site settings every tenant starts with (realm attributes; later issues add the admin API to change them). */
    public static final Map<String, String> SITE_SETTINGS = Map.of(
            TENANT_MARKER, "true",
            // unencrypted FTP sends passwords in clear text: off unless a tenant turns it on
            RealmAttributes.PLAIN_FTP, "false",
            // protocol access is decided per user unless a tenant turns on per-group control
            RealmAttributes.PROTOCOLS_PER_GROUP, "false",
            // every connection of a 2FA user needs a fresh code unless a tenant opens a grace window
            RealmAttributes.OTP_GRACE_SECONDS, "0");

    /**
     * The user attributes of {@link UserAttributes} with fixed names that decide access or hold credentials, each
     * declared in the user profile for administrators only.
     */
    public static final List<String> ADMIN_ONLY_ATTRIBUTES = List.of(UserAttributes.HOME, UserAttributes.PROTOCOLS,
            UserAttributes.CIDRS, UserAttributes.AUTH_METHOD, UserAttributes.SSH_KEYS, UserAttributes.API_KEY_INDEX);

    /** Those of {@link #ADMIN_ONLY_ATTRIBUTES} that hold several values; the others are declared single-valued. */
    private static final Set<String> MULTI_VALUED = Set.of(UserAttributes.SSH_KEYS, UserAttributes.API_KEY_INDEX);

    /** The user profile's policy for undeclared attributes: only administrators (the admin API) see and change them. */
    public static final String UNMANAGED_ATTRIBUTE_POLICY = "ADMIN_EDIT";

    /** The user-profile role of the admin API and console (the other is {@code user}, the account console). */
    private static final String ADMIN = "admin";

    /** User profile attributes that Keycloak requires by default and FTP/SFTP accounts do not have. */
    private static final Set<String> NOT_REQUIRED = Set.of("email", "firstName", "lastName");

    private TenantDefaults() {
    }

    /** The realm representation that creates tenant {@code id}. */
    public static Map<String, Object> realm(String id) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("realm", id);
        r.put("enabled", true);
        r.put("displayName", id);
        r.put("registrationAllowed", false);
        r.put("resetPasswordAllowed", false);
        r.put("attributes", SITE_SETTINGS);

        r.putAll(BRUTE_FORCE);

        // TOTP as authenticator apps do it. All otpPolicy* fields go together: Keycloak ignores
        // otpPolicyCodeReusable unless the others come with it (COMPONENTS.md).
        r.put("otpPolicyType", "totp");
        r.put("otpPolicyAlgorithm", "HmacSHA1");
        r.put("otpPolicyDigits", 6);
        r.put("otpPolicyPeriod", 30);
        r.put("otpPolicyLookAheadWindow", 1);
        r.put("otpPolicyInitialCounter", 0);
        r.put("otpPolicyCodeReusable", false);

        r.put("clients", List.of(gatewayClient()));
        return r;
    }

    /**
     * The gateways' client: public, password grant only, and mappers that put what a {@code Principal} needs into
     * the access token, so a login costs one call to Keycloak.
     */
    static Map<String, Object> gatewayClient() {
        Map<String, Object> c = passwordGrantClient(GATEWAY_CLIENT_ID, "Wharf gateways (password checks)");
        c.put("frontchannelLogout", false);
        // no realm or client roles in the token: the gateways do not use them, and the token stays small
        c.put("fullScopeAllowed", false);
        c.put("protocolMappers", gatewayClaimMappers());
        return c;
    }

    /** What a {@code Principal} needs, put into the access token by Keycloak. */
    private static List<Map<String, Object>> gatewayClaimMappers() {
        return List.of(
                attributeMapper(UserAttributes.HOME, UserAttributes.HOME_CLAIM),
                attributeMapper(UserAttributes.PROTOCOLS, UserAttributes.PROTOCOLS_CLAIM),
                attributeMapper(UserAttributes.CIDRS, UserAttributes.CIDRS_CLAIM),
                groupMapper());
    }

    /**
     * The web portal's client: public, authorization code with PKCE S256 only, redirecting only to
     * {@code redirectUris} (the portal's pages), with the gateways' claims in its access tokens.
     */
    public static Map<String, Object> webClient(List<String> redirectUris) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("clientId", WEB_CLIENT_ID);
        c.put("name", "Wharf web portal (browser sign-in)");
        c.put("protocol", "openid-connect");
        c.put("publicClient", true);
        c.put("standardFlowEnabled", true);
        c.put("directAccessGrantsEnabled", false);
        c.put("implicitFlowEnabled", false);
        c.put("serviceAccountsEnabled", false);
        c.put("frontchannelLogout", false);
        c.put("fullScopeAllowed", false);
        c.put("redirectUris", redirectUris);
        // "+": sign-out may return to any of the redirect addresses
        c.put("attributes", Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "+"));
        c.put("protocolMappers", gatewayClaimMappers());
        return c;
    }

    /**
     * The password-check client: public, password grant only, its direct grant bound to {@code flowId} (the
     * realm's {@link #PASSWORD_ONLY_FLOW}). Its tokens carry no roles and no Wharf claims, so a token got with a
     * 2FA user's password alone opens nothing; identity-service ends each session at once.
     */
    public static Map<String, Object> passwordCheckClient(String flowId) {
        Map<String, Object> c = passwordGrantClient(PASSWORD_CHECK_CLIENT_ID,
                "Wharf identity-service (password checks before a second factor)");
        c.put("frontchannelLogout", false);
        c.put("fullScopeAllowed", false);
        c.put("defaultClientScopes", List.of());
        c.put("optionalClientScopes", List.of());
        c.put("attributes", Map.of("access.token.lifespan", "60"));
        c.put("authenticationFlowBindingOverrides", Map.of("direct_grant", flowId));
        return c;
    }

    /**
     * The public client admin-API tokens are issued to, in the admin realm and in every tenant realm: password
     * grant and device grant ({@code wharf login}), scoped to one realm role, and full tokens (Keycloak 26 makes {@code admin-cli}'s tokens lightweight, without the realm
     * roles the admin API checks).
     */
    /**
     * The client attribute that allows the OAuth device authorization grant: {@code wharf login} signs
     * administrators in through the browser with it, so Keycloak's TOTP and required actions apply.
     */
    public static final String DEVICE_GRANT_ATTRIBUTE = "oauth2.device.authorization.grant.enabled";

    public static Map<String, Object> adminClient(String clientId) {
        Map<String, Object> c = passwordGrantClient(clientId, "Wharf admin API (administrators' tokens)");
        // only the one role the admin API checks (AdminClients adds it to the scope): with full scope the
        // operator's token grows by about 600 bytes per tenant realm
        c.put("fullScopeAllowed", false);
        c.put("attributes", Map.of("client.use.lightweight.access.token.enabled", "false",
                DEVICE_GRANT_ATTRIBUTE, "true"));
        return c;
    }

    /** What Wharf's three clients share: public, direct (password) grant only, no browser flows, no service account. */
    private static Map<String, Object> passwordGrantClient(String clientId, String name) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("clientId", clientId);
        c.put("name", name);
        c.put("protocol", "openid-connect");
        c.put("publicClient", true);
        c.put("directAccessGrantsEnabled", true);
        c.put("standardFlowEnabled", false);
        c.put("implicitFlowEnabled", false);
        c.put("serviceAccountsEnabled", false);
        return c;
    }

    private static Map<String, Object> attributeMapper(String attribute, String claim) {
        return Map.of("name", attribute, "protocol", "openid-connect",
                "protocolMapper", "oidc-usermodel-attribute-mapper",
                "config", Map.of("user.attribute", attribute, "claim.name", claim, "jsonType.label", "String",
                        "access.token.claim", "true", "id.token.claim", "false", "userinfo.token.claim", "false",
                        "introspection.token.claim", "true", "multivalued", "false"));
    }

    private static Map<String, Object> groupMapper() {
        return Map.of("name", "groups", "protocol", "openid-connect",
                "protocolMapper", "oidc-group-membership-mapper",
                "config", Map.of("claim.name", UserAttributes.GROUPS_CLAIM, "full.path", "false",
                        "access.token.claim", "true", "id.token.claim", "false", "userinfo.token.claim", "false",
                        "introspection.token.claim", "true"));
    }

    /**
     * The tenant's user profile from Keycloak's default, or the profile a realm has now: e-mail and names
     * optional (else Keycloak refuses password grants of users without them as "Account is not fully set up"),
     * Wharf's fixed-name user attributes declared for administrators only ({@link #ADMIN_ONLY_ATTRIBUTES}), and
     * the others (API keys, {@code wharf.apikey.<id>}) kept as unmanaged attributes that only administrators see
     * and change ({@code ADMIN_EDIT}). The result equals {@code current} when the realm is already right.
     */
    public static JsonNode userProfile(JsonNode current) {
        ObjectNode p = current.deepCopy();
        // ENABLED would let users change their own home and address ranges through the account API; ADMIN_VIEW
        // would make them read-only for identity-service too
        p.put("unmanagedAttributePolicy", UNMANAGED_ATTRIBUTE_POLICY);
        ArrayNode attributes = p.get("attributes") instanceof ArrayNode a ? a : p.putArray("attributes");
        for (JsonNode a : attributes) {
            if (a instanceof ObjectNode o && NOT_REQUIRED.contains(o.path("name").asText())) {
                o.remove("required");
            }
        }
        for (String name : ADMIN_ONLY_ATTRIBUTES) {
            declareAdminOnly(attributes, name, MULTI_VALUED.contains(name));
        }
        return p;
    }

    /**
     * Declares {@code name} as an attribute only administrators view and edit: an existing declaration keeps
     * whatever else an operator gave it (display name, validations), but its permissions and multiplicity are
     * ours.
     */
    private static void declareAdminOnly(ArrayNode attributes, String name, boolean multivalued) {
        ObjectNode declared = null;
        for (JsonNode a : attributes) {
            if (a instanceof ObjectNode o && name.equals(o.path("name").asText())) {
                declared = o;
            }
        }
        if (declared == null) {
            declared = attributes.addObject();
            declared.put("name", name);
            declared.put("displayName", name);
        }
        ObjectNode permissions = declared.putObject("permissions");
        permissions.putArray("view").add(ADMIN);
        permissions.putArray("edit").add(ADMIN);
        declared.put("multivalued", multivalued);
        // required for nobody: a user without, say, wharf.cidrs is a user without address ranges
        declared.remove("required");
    }
}
