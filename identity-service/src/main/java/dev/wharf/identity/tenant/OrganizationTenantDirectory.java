package dev.wharf.identity.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakErrorException;
import dev.wharf.identity.keycloak.KeycloakUser;
import dev.wharf.tenancy.AttributeValues;
import dev.wharf.tenancy.RealmAttributes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenants as Keycloak Organizations in one realm (docs/TENANCY.md): tenant {@code northwind} is the organization of
 * alias (and name) {@code northwind}, its settings the organization's attributes (lists multi-valued), its own host
 * names the organization's domains, its users {@code northwind.<name>} and members, its groups the subgroups of the
 * top-level group {@code /northwind}. Every call reads Keycloak: lookups are by alias or domain, so nothing here
 * grows with the number of tenants but {@link #ids}.
 */
@ApplicationScoped
@Typed(OrganizationTenantDirectory.class)
public class OrganizationTenantDirectory implements TenantDirectory {
    /** Site settings that are lists: one attribute value per entry (wharf-tenancy's vocabulary). */
    static final Set<String> LIST_ATTRIBUTES = Set.of(RealmAttributes.ALLOWED_CIDRS, RealmAttributes.ALLOWED_COUNTRIES,
            RealmAttributes.DENIED_COUNTRIES, RealmAttributes.HOSTNAMES);
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 100_000;
    static final Duration STATUS_TTL = Duration.ofSeconds(5);
    private static final int MAX_STATUS = 10_000;
    private static final Logger LOG = Logger.getLogger(OrganizationTenantDirectory.class);

    private final KeycloakAdmin keycloak;
    private final SharedRealmSetup realmSetup;
    private final WebClientSetup webClients;
    private final String realm;
    private final Map<String, Status> status = new ConcurrentHashMap<>();

    @Inject
    public OrganizationTenantDirectory(KeycloakAdmin keycloak, SharedRealmSetup realmSetup, WebClientSetup webClients) {
        this.keycloak = keycloak;
        this.realmSetup = realmSetup;
        this.webClients = webClients;
        this.realm = realmSetup.realm();
    }

    @Override
    public Optional<TenantRecord> find(String id) {
        return organization(id).map(OrganizationTenantDirectory::record);
    }

    @Override
    public void create(String id, Map<String, String> attributes) {
        realmSetup.ensure();
        if (organization(id).isPresent()) {
            throw exists(id);
        }
        Map<String, String> settings = new HashMap<>(attributes);
        settings.remove(TenantDefaults.TENANT_MARKER); // an organization of this realm is a tenant by being one
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("name", id);
        org.put("alias", id);
        org.put("enabled", true);
        org.put("attributes", toOrganization(settings));
        org.put("domains", domains(settings));
        String orgId;
        try {
            orgId = keycloak.createOrganization(realm, org);
        } catch (KeycloakErrorException e) {
            if (e.status() == 409) {
                throw exists(id);
            }
            throw new WharfException(Reason.INTERNAL_ERROR, "Keycloak refused to create organization " + id + ": "
                    + e.getMessage(), e);
        }
        try {
            if (keycloak.groupByPath(realm, "/" + id).isEmpty()) {
                keycloak.createGroup(realm, Map.of("name", id, "attributes",
                        Map.of("wharf.tenant", List.of(id))));
            }
            webClients.changeRedirects(realm, List.of(), webClients.redirectUris(id, SiteAttributes.hostnames(settings)));
        } catch (RuntimeException e) {
            LOG.errorf("tenant %s: not fully set up (%s); removing the organization again", id, e.getMessage());
            try {
                keycloak.deleteOrganization(realm, orgId);
            } catch (RuntimeException cleanup) {
                LOG.errorf("tenant %s: organization left half-made, delete it by hand: %s", id, cleanup.getMessage());
            }
            throw e;
        }
    }

    @Override
    public List<String> ids() {
        List<String> out = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            List<JsonNode> batch = keycloak.organizations(realm, null, false, page * PAGE, PAGE, true);
            batch.forEach(o -> out.add(o.path("alias").asText()));
            if (batch.size() < PAGE) {
                break;
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public Optional<String> tenantOfHost(String host) {
        // Keycloak keeps a domain unique across organizations: one at most has it
        return keycloak.organizations(realm, host, true, 0, 5, false).stream()
                .filter(o -> o.path("enabled").asBoolean(true))
                .filter(o -> domainNames(o).contains(host))
                .map(o -> o.path("alias").asText()).findFirst();
    }

    @Override
    public void setEnabled(String id, boolean enabled) {
        ObjectNode org = require(id);
        org.put("enabled", enabled);
        keycloak.updateOrganization(realm, org.path("id").asText(), org);
    }

    @Override
    public void setAttributes(String id, Map<String, String> attributes) {
        ObjectNode org = require(id);
        List<String> before = hostnames(org);
        Map<String, String> settings = new HashMap<>(attributes);
        settings.remove(TenantDefaults.TENANT_MARKER);
        ObjectNode attrs = org.putObject("attributes");
        toOrganization(settings).forEach((k, v) -> {
            ArrayNode a = attrs.putArray(k);
            v.forEach(a::add);
        });
        ArrayNode domains = org.putArray("domains");
        domains(settings).forEach(d -> domains.addObject().put("name", (String) d.get("name")).put("verified", false));
        try {
            keycloak.updateOrganization(realm, org.path("id").asText(), org);
        } catch (KeycloakErrorException e) {
            if (e.status() == 409 || e.status() == 400) {
                throw new WharfException(Reason.BAD_REQUEST, "host names not accepted: " + e.errorMessage()
                        + " (a host name belongs to one tenant only)", e);
            }
            throw e;
        }
        List<String> after = SiteAttributes.hostnames(settings);
        if (!after.equals(before)) {
            webClients.changeRedirects(realm, webClients.redirectUris(id, before), webClients.redirectUris(id, after));
        }
    }

    /**
     * The tenant's users (members) first, page by page, then its group tree, then the organization (with its
     * domains); each step can be repeated after a failure.
     */
    @Override
    public void delete(String id) {
        ObjectNode org = require(id);
        String orgId = org.path("id").asText();
        int deleted = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            List<KeycloakUser> batch = keycloak.organizationMembers(realm, orgId, 0, PAGE);
            for (KeycloakUser u : batch) {
                keycloak.deleteUser(realm, u.id());
                deleted++;
            }
            if (batch.size() < PAGE) {
                break;
            }
        }
        keycloak.groupByPath(realm, "/" + id).ifPresent(g -> keycloak.deleteGroup(realm, g.id()));
        keycloak.deleteOrganization(realm, orgId);
        webClients.changeRedirects(realm, webClients.redirectUris(id, hostnames(org)), List.of());
        LOG.infof("tenant %s: organization, %d users and the group tree removed from realm %s", id, deleted, realm);
    }

    /**
     * Keycloak lets a disabled organization's members sign in, so Wharf refuses them; read through
     * {@link #findRecent}.
     */
    @Override
    public Optional<Reason> loginRefusal(String tenant) {
        return findRecent(tenant).map(t -> t.enabled() ? Optional.<Reason>empty() : Optional.of(Reason.TENANT_DISABLED))
                .orElse(Optional.of(Reason.UNKNOWN_TENANT));
    }

    /**
     * The organization as a login reads it (its state and site settings): kept {@link #STATUS_TTL} per tenant, so
     * a login costs no organization lookup of its own (one per tenant and 5 s; each was two Keycloak calls of
     * every login before, session 10); a tenant-wide change through this replica drops it at once.
     */
    @Override
    public Optional<TenantRecord> findRecent(String tenant) {
        Status s = status.get(tenant);
        long now = System.nanoTime();
        if (s == null || now - s.readAt() > STATUS_TTL.toNanos()) {
            s = new Status(find(tenant), now);
            if (status.size() >= MAX_STATUS) {
                status.clear();
            }
            status.put(tenant, s);
        }
        return s.record();
    }

    void onChange(@Observes UserChanged change) {
        if (change.username() == null) {
            status.remove(change.tenant());
        }
    }

    private record Status(Optional<TenantRecord> record, long readAt) {
    }

    @Override
    public String realm(String tenant) {
        return realm;
    }

    @Override
    public String keycloakUsername(String tenant, String username) {
        return tenant + "." + username;
    }

    @Override
    public Optional<String> wharfUsername(String tenant, String keycloakUsername) {
        String prefix = tenant + ".";
        if (keycloakUsername == null || !keycloakUsername.toLowerCase(Locale.ROOT).startsWith(prefix)
                || keycloakUsername.length() == prefix.length()) {
            return Optional.empty();
        }
        return Optional.of(keycloakUsername.substring(prefix.length()));
    }

    @Override
    public Optional<String> groupName(String tenant, String keycloakGroup) {
        String g = keycloakGroup.startsWith("/") ? keycloakGroup.substring(1) : keycloakGroup;
        if (g.startsWith(tenant + "/")) {
            g = g.substring(tenant.length() + 1);
        } else if (keycloakGroup.startsWith("/") || g.equals(tenant)) {
            return Optional.empty(); // another tenant's group or the tenant's root: never the user's
        }
        return g.isEmpty() || g.contains("/") ? Optional.empty() : Optional.of(g);
    }

    @Override
    public void repair() {
        realmSetup.repair();
    }

    @Override
    public void ensureAdminAccess(String tenant) {
        realmSetup.ensure();
    }

    /** Called when the shared realm refused the password-check client: it was changed by hand, so repaired. */
    @Override
    public void ensurePasswordCheck(String tenant) {
        realmSetup.repair();
    }

    /** The organization of alias {@code id}, full representation. */
    Optional<ObjectNode> organization(String id) {
        // search matches names and domains: the name is the alias, and the alias is compared again
        return keycloak.organizations(realm, id, true, 0, 5, false).stream()
                .filter(o -> id.equals(o.path("alias").asText()))
                .findFirst().map(o -> (ObjectNode) o);
    }

    private ObjectNode require(String id) {
        return organization(id).orElseThrow(() -> new WharfException(Reason.UNKNOWN_TENANT, "no tenant " + id));
    }

    private static TenantRecord record(JsonNode org) {
        Map<String, String> flat = new HashMap<>();
        org.path("attributes").fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            String joined = AttributeValues.join(values);
            if (joined != null) {
                flat.put(e.getKey(), joined);
            }
        });
        flat.put(TenantDefaults.TENANT_MARKER, "true");
        return new TenantRecord(org.path("alias").asText(), org.path("enabled").asBoolean(true), flat);
    }

    /** Realm-style attributes (one comma-separated value per list) as organization attributes. */
    static Map<String, List<String>> toOrganization(Map<String, String> attributes) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (v == null) {
                return;
            }
            List<String> values = LIST_ATTRIBUTES.contains(k) ? AttributeValues.split(v) : List.of(v);
            if (!values.isEmpty()) {
                out.put(k, values);
            }
        });
        return out;
    }

    private static List<Map<String, Object>> domains(Map<String, String> settings) {
        return SiteAttributes.hostnames(settings).stream()
                .map(h -> Map.<String, Object>of("name", h.toLowerCase(Locale.ROOT), "verified", false)).toList();
    }

    private static List<String> hostnames(JsonNode org) {
        List<String> out = new ArrayList<>();
        org.path("attributes").path(RealmAttributes.HOSTNAMES).forEach(h -> out.add(h.asText()));
        return out;
    }

    private static List<String> domainNames(JsonNode org) {
        List<String> out = new ArrayList<>();
        org.path("domains").forEach(d -> out.add(d.path("name").asText().toLowerCase(Locale.ROOT)));
        return out;
    }

    private static WharfException exists(String id) {
        return new WharfException(Reason.ALREADY_EXISTS, "tenant " + id + " already exists");
    }
}
