package dev.wharf.cli.api;

import dev.wharf.cli.CliException;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the services are and who signs in: from options, else {@code WHARF_*} environment variables, else the
 * local platform of {@code ./wharf up} (loopback ports, Keycloak's bootstrap admin whose password the run folder
 * keeps).
 *
 * @param identityUrl identity-service base URL
 * @param policyUrl policy-service base URL
 * @param keycloakUrl Keycloak base URL (no {@code /realms})
 * @param realm {@code master} for operators, a tenant id for its administrators ({@link #signInRealm})
 * @param user who signs in
 * @param password their password; null when none is known
 * @param token a bearer token to use as is (WHARF_TOKEN); null to sign in with the password
 * @param passwordFile where the local password was looked for (for messages); null when not looked
 * @param tenantsRealm the realm every tenant's administrators sign in at as {@code <tenant>.<user>} when the
 *                     platform keeps tenants as organizations ({@code WHARF_TENANCY=organizations}); null when each
 *                     tenant is a realm of its own (the default, as identity-service's {@code wharf.identity.tenancy})
 * @param loginDir where {@code wharf login} keeps its tokens ({@link StoredLogin}); null: no stored sign-in
 */
public record Connection(String identityUrl, String policyUrl, String keycloakUrl, String realm, String user,
                         String password, String token, Path passwordFile, String tenantsRealm, Path loginDir) {

    /** A connection without stored sign-ins. */
    public Connection(String identityUrl, String policyUrl, String keycloakUrl, String realm, String user,
                      String password, String token, Path passwordFile, String tenantsRealm) {
        this(identityUrl, policyUrl, keycloakUrl, realm, user, password, token, passwordFile, tenantsRealm, null);
    }

    /** The operators' realm. */
    public static final String ADMIN_REALM = "master";
    /**
     * The realm every tenant's users and administrators live in (identity-service's
     * {@code wharf.identity.tenant-realm}, docs/TENANCY.md).
     */
    public static final String TENANTS_REALM = "wharf";
    /** The tenancy model when WHARF_TENANCY is unset: wharf-core's {@code Tenancy.DEFAULT} (no wharf-core here). */
    static final String DEFAULT_TENANCY = "organizations";
    /** Keycloak's bootstrap admin, the operator of a local platform. */
    public static final String LOCAL_OPERATOR = "admin";

    /**
     * Resolves the connection. {@code options} holds the command-line values by option name ({@code identity-url},
     * {@code policy-url}, {@code keycloak-url}, {@code realm}, {@code user}, {@code password}); {@code runDir} is
     * the local run folder ({@code .wharf}).
     */
    public static Connection resolve(Map<String, String> options, Map<String, String> env, Path runDir) {
        String identity = pick(options, "identity-url", env, "WHARF_IDENTITY_URL")
                .orElseGet(() -> local(env, "WHARF_PORT_IDENTITY", 8081));
        String policy = pick(options, "policy-url", env, "WHARF_POLICY_URL")
                .orElseGet(() -> local(env, "WHARF_PORT_POLICY", 8082));
        String keycloak = pick(options, "keycloak-url", env, "WHARF_KEYCLOAK_URL")
                .orElseGet(() -> local(env, "WHARF_PORT_KEYCLOAK", 8180));
        String realm = pick(options, "realm", env, "WHARF_REALM").orElse(ADMIN_REALM);
        String tenancy = pick(Map.of(), "tenancy", env, "WHARF_TENANCY").orElse(DEFAULT_TENANCY)
                .toLowerCase(Locale.ROOT);
        if (!tenancy.equals("realms") && !tenancy.equals("organizations")) {
            throw CliException.usage("WHARF_TENANCY must be organizations or realms, not " + tenancy,
                    "use the value of identity-service's wharf.identity.tenancy");
        }
        String token = Optional.ofNullable(env.get("WHARF_TOKEN")).filter(s -> !s.isBlank()).orElse(null);
        Optional<String> user = pick(options, "user", env, "WHARF_USER");
        Optional<String> password = pick(options, "password", env, "WHARF_PASSWORD");
        Path file = null;
        if (password.isEmpty() && user.map(LOCAL_OPERATOR::equals).orElse(true) && realm.equals(ADMIN_REALM)
                && runDir != null) {
            file = runDir.resolve("data").resolve("keycloak").resolve("admin-password");
            password = LocalSecrets.read(file);
        }
        return new Connection(trimSlash(identity), trimSlash(policy), trimSlash(keycloak), realm,
                user.orElse(LOCAL_OPERATOR), password.orElse(null), token, file,
                tenancy.equals("organizations") ? TENANTS_REALM : null, StoredLogin.directory(env));
    }

    /** True when this session belongs to a tenant's administrator rather than an operator. */
    public boolean tenantRealm() {
        return !ADMIN_REALM.equals(realm);
    }

    /**
     * The realm the password grant goes to: {@code master} for operators; for a tenant's administrators the
     * tenants' shared realm ({@link #tenantsRealm}) or, in the realm model, the tenant's own.
     */
    public String signInRealm() {
        return tenantRealm() && tenantsRealm != null ? tenantsRealm : realm;
    }

    /** The user name Keycloak knows: in the shared realm, administrator {@code boss} of {@code acme} is {@code acme.boss}. */
    public String signInUser() {
        return tenantRealm() && tenantsRealm != null ? realm + "." + user : user;
    }

    @Override
    public String toString() {
        // never the password or the token
        return "Connection[" + identityUrl + ", " + policyUrl + ", " + keycloakUrl + ", realm " + realm + ", user "
                + user + "]";
    }

    private static Optional<String> pick(Map<String, String> options, String option, Map<String, String> env,
                                         String var) {
        String v = options.get(option);
        if (v == null || v.isBlank()) {
            v = env.get(var);
        }
        return Optional.ofNullable(v).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static String local(Map<String, String> env, String portVar, int port) {
        String p = env.get(portVar);
        return "http://127.0.0.1:" + (p == null || p.isBlank() ? port : p.trim());
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
