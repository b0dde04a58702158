package dev.wharf.identity.tenant;

import dev.wharf.core.tenant.AdminRole;
import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.identity.keycloak.KeycloakErrorException;
import dev.wharf.identity.keycloak.KeycloakRealm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One Keycloak realm per tenant, marked with {@link TenantDefaults#TENANT_MARKER} (the model before issue 17, kept
 * for {@code wharf.identity.tenancy=realms} and as the source of the move). Keycloak lists realms only whole (4.6 KB
 * each) and cannot search them by attribute, so ids and host names are read in one realm list kept for
 * {@link #REFRESH}; a tenant-wide change through this replica drops it at once.
 */
@ApplicationScoped
@Typed(RealmTenantDirectory.class)
public class RealmTenantDirectory implements TenantDirectory {
    /** Realm attribute: the version of the admin-API client set-up the realm has ({@link #repair}). */
    public static final String ADMIN_ACCESS_MARKER = "wharf.adminAccess";
    /**
     * 2: the client is scoped to {@link AdminRole#TENANT_ADMIN} only. 3: the realm's events also go to Keycloak's
     * wharf-audit listener ({@link KeycloakEventAudit}).
     */
    static final String ADMIN_ACCESS_VERSION = "3";
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(RealmTenantDirectory.class);

    private record Snapshot(List<KeycloakRealm> tenants, long readAt) {
    }

    private final KeycloakAdmin keycloak;
    private final String adminRealm;
    private final AdminClients adminClients;
    private final PasswordCheckSetup passwordChecks;
    private final KeycloakEventAudit eventAudit;
    private final TenantUserProfile profiles;
    private volatile Snapshot snapshot;

    @Inject
    public RealmTenantDirectory(KeycloakAdmin keycloak, KeycloakConfig config, AdminClients adminClients,
                                PasswordCheckSetup passwordChecks, KeycloakEventAudit eventAudit,
                                TenantUserProfile profiles) {
        this.keycloak = keycloak;
        this.adminRealm = config.adminRealm().toLowerCase(Locale.ROOT);
        this.adminClients = adminClients;
        this.passwordChecks = passwordChecks;
        this.eventAudit = eventAudit;
        this.profiles = profiles;
    }

    @Override
    public Optional<TenantRecord> find(String id) {
        return keycloak.realm(id).filter(this::isTenant).map(RealmTenantDirectory::record);
    }

    @Override
    public void create(String id, Map<String, String> attributes) {
        Map<String, Object> realm = new HashMap<>(TenantDefaults.realm(id));
        @SuppressWarnings("unchecked")
        Map<String, String> merged = new HashMap<>((Map<String, String>) realm.get("attributes"));
        merged.putAll(attributes);
        realm.put("attributes", merged);
        try {
            keycloak.createRealm(realm);
        } catch (KeycloakErrorException e) {
            if (e.status() == 409) {
                throw new WharfException(Reason.ALREADY_EXISTS, "tenant " + id + " already exists");
            }
            throw new WharfException(Reason.INTERNAL_ERROR, "Keycloak refused to create realm " + id + ": "
                    + e.getMessage(), e);
        }
        snapshot = null;
        try {
            keycloak.updateUserProfile(id, TenantDefaults.userProfile(keycloak.userProfile(id)));
            markAdminAccess(id, merged);
            passwordChecks.ensure(id);
        } catch (RuntimeException e) {
            LOG.errorf("tenant %s: not fully set up (%s); removing the realm again", id, e.getMessage());
            try {
                keycloak.deleteRealm(id);
            } catch (RuntimeException cleanup) {
                LOG.errorf("tenant %s: realm left half-configured, delete it by hand: %s", id, cleanup.getMessage());
            }
            throw e;
        }
    }

    @Override
    public List<String> ids() {
        return current().tenants().stream().map(KeycloakRealm::name).sorted().toList();
    }

    @Override
    public Optional<String> tenantOfHost(String host) {
        // the first tenant to claim a name keeps it (realms come in Keycloak's order, stable between reads)
        for (KeycloakRealm realm : current().tenants()) {
            if (realm.enabled() && SiteAttributes.hostnames(realm.attributes()).stream()
                    .anyMatch(h -> h.toLowerCase(Locale.ROOT).equals(host))) {
                return Optional.of(realm.name());
            }
        }
        return Optional.empty();
    }

    /** Drops the kept list of tenant ids (a realm went away outside this class: a tenant moved). */
    void forget() {
        snapshot = null;
    }

    @Override
    public void setEnabled(String id, boolean enabled) {
        keycloak.updateRealm(id, Map.of("enabled", enabled));
        snapshot = null;
    }

    @Override
    public void setAttributes(String id, Map<String, String> attributes) {
        keycloak.updateRealm(id, Map.of("attributes", attributes));
        snapshot = null;
    }

    @Override
    public void delete(String id) {
        try {
            keycloak.deleteRealm(id);
        } catch (KeycloakErrorException e) {
            if (e.status() == 404) {
                throw new WharfException(Reason.UNKNOWN_TENANT, "no tenant " + id);
            }
            throw new WharfException(Reason.INTERNAL_ERROR, "Keycloak refused to delete realm " + id + ": "
                    + e.getMessage(), e);
        } finally {
            snapshot = null;
        }
    }

    @Override
    public Optional<Reason> loginRefusal(String tenant) {
        return Optional.empty(); // Keycloak refuses a disabled or missing realm's password grants itself
    }

    @Override
    public String realm(String tenant) {
        return tenant;
    }

    @Override
    public String keycloakUsername(String tenant, String username) {
        return username;
    }

    @Override
    public Optional<String> wharfUsername(String tenant, String keycloakUsername) {
        return Optional.ofNullable(keycloakUsername);
    }

    @Override
    public Optional<String> groupName(String tenant, String keycloakGroup) {
        return Optional.of(keycloakGroup.replaceFirst("^/", ""));
    }

    /**
     * Repairs the admin access of every tenant not yet marked with {@link #ADMIN_ACCESS_MARKER} at its current
     * version, then each tenant's user profile and password check.
     */
    @Override
    public void repair() {
        snapshot = null;
        for (KeycloakRealm realm : current().tenants()) {
            String id = realm.name();
            if (!ADMIN_ACCESS_VERSION.equals(realm.attributes().get(ADMIN_ACCESS_MARKER))) {
                try {
                    markAdminAccess(id, realm.attributes());
                } catch (RuntimeException e) {
                    LOG.warnf("tenant %s: admin-API client or role not ensured: %s", id, e.getMessage());
                }
            }
            try {
                profiles.ensure(id);
            } catch (RuntimeException e) {
                LOG.errorf("tenant %s: user profile not brought up to date, its users may still edit their own "
                        + "wharf.* attributes: %s", id, e.getMessage());
            }
            try {
                passwordChecks.ensure(id);
            } catch (RuntimeException e) {
                LOG.warnf("tenant %s: password-check client or flow not ensured, or brute-force lockout not off: %s",
                        id, e.getMessage());
            }
        }
        snapshot = null;
    }

    @Override
    public void ensureAdminAccess(String tenant) {
        adminClients.ensure(tenant, AdminRole.TENANT_ADMIN, "Wharf tenant administrator: manages this tenant's "
                + "users, groups and site settings through the admin API");
    }

    @Override
    public void ensurePasswordCheck(String tenant) {
        passwordChecks.ensure(tenant);
    }

    void onChange(@Observes UserChanged change) {
        if (change.username() == null) {
            snapshot = null;
        }
    }

    /** {@link #ensureAdminAccess}, then marks the realm done (its attributes are replaced as a whole). */
    private void markAdminAccess(String id, Map<String, String> currentAttributes) {
        ensureAdminAccess(id);
        eventAudit.enable(id);
        Map<String, String> attributes = new HashMap<>(currentAttributes);
        attributes.put(ADMIN_ACCESS_MARKER, ADMIN_ACCESS_VERSION);
        keycloak.updateRealm(id, Map.of("attributes", attributes));
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s != null && System.nanoTime() - s.readAt() < REFRESH.toNanos()) {
            return s;
        }
        s = new Snapshot(keycloak.realms().stream().filter(this::isTenant).toList(), System.nanoTime());
        snapshot = s;
        return s;
    }

    private boolean isTenant(KeycloakRealm r) {
        String name = r.name().toLowerCase(Locale.ROOT);
        return !name.equals(adminRealm) && !name.equals("master")
                && "true".equals(r.attributes().get(TenantDefaults.TENANT_MARKER));
    }

    private static TenantRecord record(KeycloakRealm realm) {
        return new TenantRecord(realm.name(), realm.enabled(), realm.attributes());
    }
}
