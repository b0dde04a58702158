package dev.wharf.policy.keycloak;

import dev.wharf.core.tenant.Tenancy;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.policy.site.SiteRules;
import dev.wharf.tenancy.KeycloakAdminClient;
import dev.wharf.tenancy.OrganizationAttributes;
import dev.wharf.tenancy.RealmAttributes;
import dev.wharf.tenancy.TenantOrganizations;
import jakarta.ws.rs.WebApplicationException;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a tenant's site rules from Keycloak through the shared {@link KeycloakAdminClient} (one admin token, bounded
 * calls): the attributes of organization {@code <tenant>} of the tenant realm and the subgroups of its top-level
 * group {@code /<tenant>} ({@link Tenancy#ORGANIZATIONS}), a tenant realm not moved yet
 * ({@code wharf.tenant=true}) otherwise; or, with {@link Tenancy#REALMS}, the realm named after the
 * tenant and its top-level groups, as before issue 17. Keycloak being down or refusing the admin sign-in is
 * {@link Reason#SERVICE_UNAVAILABLE}: a configuration or outage problem, never the client's fault, and never read
 * as "no rules".
 */
public class TenantSettingsReader implements AutoCloseable {
    /** The realm attribute that marks a realm as a Wharf tenant of the realm-per-tenant model. */
    static final String REALM_TENANT_MARKER = "wharf.tenant";

    private final KeycloakAdminClient keycloak;
    private final Tenancy tenancy;
    private final String tenantRealm;

    public TenantSettingsReader(KeycloakConfig config) {
        this.keycloak = new KeycloakAdminClient(new KeycloakAdminClient.Settings("policy-service", config.url(),
                config.adminRealm(), config.tokenClientId(), config.adminUser(), config.adminPassword(),
                config.timeout()));
        this.tenancy = config.tenancy();
        this.tenantRealm = config.tenantRealm();
    }

    /**
     * The tenant's rules with its groups' address ranges (and their protocols when the tenant controls protocols per
     * group); empty when the name is no tenant.
     */
    public Optional<SiteRules> settings(String tenant) {
        if (tenancy == Tenancy.ORGANIZATIONS) {
            Optional<OrganizationRepresentation> org = unavailableOnRefusal("organization " + tenant,
                    k -> TenantOrganizations.organization(k, tenantRealm, tenant));
            if (org.isPresent()) {
                return Optional.of(withGroups(SiteRules.of(OrganizationAttributes.read(org.get().getAttributes())),
                        unavailableOnRefusal("groups of " + tenant,
                                k -> TenantOrganizations.groups(k, tenantRealm, tenant))));
            }
            // not moved yet (wharf tenant migrate): the realm of the realm-per-tenant model, marked as a tenant
            return realmSettings(tenant, true);
        }
        return realmSettings(tenant, false);
    }

    private Optional<SiteRules> realmSettings(String tenant, boolean markedOnly) {
        if (markedOnly && tenant.equals(tenantRealm)) {
            // the realm holding every organization tenant is no tenant itself
            return Optional.empty();
        }
        String what = "read realm " + tenant;
        Optional<Map<String, String>> attributes = unavailableOnRefusal(what,
                k -> k.find(what, kc -> kc.realm(tenant).toRepresentation()))
                .map(r -> r.getAttributes() == null ? Map.<String, String>of() : Map.copyOf(r.getAttributes()));
        if (attributes.isEmpty() || markedOnly && !"true".equals(attributes.get().get(REALM_TENANT_MARKER))) {
            return Optional.empty();
        }
        String groups = "list groups of realm " + tenant;
        return Optional.of(withGroups(SiteRules.fromAttributes(attributes.get()), unavailableOnRefusal(groups,
                k -> k.call(groups, kc -> kc.realm(tenant).groups()
                        .groups(null, 0, TenantOrganizations.MAX_GROUPS, false)))));
    }

    /**
     * The rules with what the tenant's groups add: their address ranges always (a group's range restricts its
     * members), their protocols when the tenant controls protocols per group.
     */
    static SiteRules withGroups(SiteRules rules, List<GroupRepresentation> groups) {
        SiteRules withCidrs = rules.withGroupCidrs(groupAttribute(groups, RealmAttributes.GROUP_CIDRS));
        return rules.protocolsPerGroup()
                ? withCidrs.withGroupProtocols(groupAttribute(groups, RealmAttributes.GROUP_PROTOCOLS))
                : withCidrs;
    }

    /**
     * Each group's {@code attribute} (values joined by commas), by group name. Only one level is read (the
     * tenant's groups): the gateways' token carries plain group names, so a deeper group's would be ambiguous.
     */
    static Map<String, String> groupAttribute(List<GroupRepresentation> groups, String attribute) {
        Map<String, String> out = new HashMap<>();
        for (GroupRepresentation g : groups) {
            List<String> values = g.getAttributes() == null ? null : g.getAttributes().get(attribute);
            if (values != null && !values.isEmpty()) {
                out.put(g.getName(), String.join(",", values));
            }
        }
        return out;
    }

    /** Any answer but the ones this reader expects means Keycloak cannot tell it the rules now. */
    private <T> T unavailableOnRefusal(String what, Function<KeycloakAdminClient, T> call) {
        try {
            return call.apply(keycloak);
        } catch (WebApplicationException e) {
            throw new WharfException(Reason.SERVICE_UNAVAILABLE,
                    what + ": Keycloak answered HTTP " + e.getResponse().getStatus(), e);
        }
    }

    @Override
    public void close() {
        keycloak.close();
    }
}
