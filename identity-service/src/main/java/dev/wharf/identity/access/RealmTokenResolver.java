package dev.wharf.identity.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.core.tenant.Tenancy;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.identity.tenant.TenancySettings;
import dev.wharf.identity.tenant.TenantIds;
import dev.wharf.identity.tenant.TenantService;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the realm whose keys verify an admin-API bearer token: the tenant realm its (not yet verified)
 * issuer names, when that realm is an enabled Wharf tenant; else the default configuration (the admin realm).
 * quarkus-oidc then verifies signature, issuer and expiry against that realm, so a token that lies about its
 * issuer fails there.
 */
@ApplicationScoped
public class RealmTokenResolver implements TenantConfigResolver {
    private static final Duration KNOWN_FOR = Duration.ofSeconds(60);
    private static final int MAX_REMEMBERED = 10_000;
    private static final String REALMS = "/realms/";

    private final TenantService tenants;
    private final ObjectMapper json;
    private final String base;
    private final String issuerPrefix;
    private final String adminRealm;
    /** The tenants' shared realm in the organizations model; null in the realm model. */
    private final String sharedRealm;
    private final Map<String, OidcTenantConfig> configs = new ConcurrentHashMap<>();
    // realm -> until when the answer "is a tenant" (or not) is trusted without asking Keycloak again
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    private record Verdict(boolean tenant, Instant until) {
    }

    @Inject
    public RealmTokenResolver(TenantService tenants, ObjectMapper json, KeycloakConfig config, TenancySettings tenancy) {
        this.sharedRealm = tenancy.model() == Tenancy.ORGANIZATIONS ? tenancy.realm() : null;
        this.tenants = tenants;
        this.json = json;
        this.base = config.url().replaceAll("/+$", "");
        this.issuerPrefix = base + "/realms/";
        this.adminRealm = config.adminRealm().toLowerCase(Locale.ROOT);
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> request) {
        String realm = tenantRealmOf(context.request().getHeader("Authorization"));
        if (realm == null) {
            return null;
        }
        if (realm.equals(sharedRealm)) {
            // every tenant's administrators: AdminAccess takes the tenant from the verified organization claim
            return Uni.createFrom().item(config(realm));
        }
        if (sharedRealm != null) {
            return null; // no realm of its own is a tenant in the organizations model
        }
        Verdict v = verdicts.get(realm);
        if (v != null && Instant.now().isBefore(v.until())) {
            return Uni.createFrom().item(v.tenant() ? config(realm) : null);
        }
        // asking Keycloak whether the realm is a tenant blocks: off the event loop
        return request.runBlocking(() -> {
            boolean tenant = isTenant(realm);
            if (verdicts.size() >= MAX_REMEMBERED) {
                verdicts.clear();
            }
            verdicts.put(realm, new Verdict(tenant, Instant.now().plus(KNOWN_FOR)));
            return tenant ? config(realm) : null;
        });
    }

    private boolean isTenant(String realm) {
        try {
            // a disabled tenant's administrators lose access with the tenant (within a minute, the verdict's age)
            return tenants.require(realm).enabled();
        } catch (RuntimeException e) {
            // unknown tenant, or Keycloak unreachable: the admin realm's configuration then refuses the token
            return false;
        }
    }

    private OidcTenantConfig config(String realm) {
        return configs.computeIfAbsent(realm, r -> OidcTenantConfig.builder()
                .tenantId("realm-" + r)
                .authServerUrl(issuerPrefix + r)
                .applicationType(ApplicationType.SERVICE)
                .roles().roleClaimPath("realm_access/roles").end()
                .build());
    }

    /** The tenant realm a bearer token claims to come from; null for the admin realm, other issuers and non-JWTs. */
    String tenantRealmOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8));
            // only the realm is read here: Keycloak's public host name (KC_HOSTNAME) may differ from the URL this
            // service calls it by, and the chosen realm's configuration then verifies signature and issuer
            String iss = claims.path("iss").asText("");
            int at = iss.lastIndexOf(REALMS);
            if (at < 0 || !iss.startsWith("http")) {
                return null;
            }
            String realm = iss.substring(at + REALMS.length());
            return TenantIds.isValid(realm) && !realm.equals(adminRealm) && !realm.equals("master") ? realm : null;
        } catch (Exception e) {
            return null;
        }
    }
}
