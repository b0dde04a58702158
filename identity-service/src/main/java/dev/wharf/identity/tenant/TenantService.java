package dev.wharf.identity.tenant;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.audit.AuditType;
import dev.wharf.identity.keycloak.KeycloakAdmin;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.identity.keycloak.KeycloakErrorException;
import dev.wharf.identity.keycloak.KeycloakRealm;
import dev.wharf.identity.sharing.PublicAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Locale;

/** Tenants are Keycloak realms marked with {@link TenantDefaults#TENANT_MARKER}; the admin realm never is one. */
@ApplicationScoped
public class TenantService {
    /** The audit {@code source} of events this service publishes. */
    public static final String AUDIT_SOURCE = "/identity-service";
    /** Realm attribute: the version of the admin-API client set-up the realm has ({@link #repairAdminAccess}). */
    public static final String ADMIN_ACCESS_MARKER = "wharf.adminAccess";
    /**
     * 2: the client is scoped to {@link AdminRole#TENANT_ADMIN} only. 3: the realm's events also go to Keycloak's
     * wharf-audit listener ({@link KeycloakEventAudit}).
     */
    static final String ADMIN_ACCESS_VERSION = "3";
    private static final Logger LOG = Logger.getLogger(TenantService.class);

    private final KeycloakAdmin keycloak;
    private final AuditSink audit;
    private final String adminRealm;
    private final Event<UserChanged> userChanged;
    private final PublicAddresses addresses;
    private final AdminClients adminClients;
    private final TenantFiles files;
    private final PasswordCheckSetup passwordChecks;
    private final KeycloakEventAudit eventAudit;
    private volatile IdSnapshot ids;

    @Inject
    public TenantService(KeycloakAdmin keycloak, AuditSink audit, KeycloakConfig config,
                         Event<UserChanged> userChanged, PublicAddresses addresses, AdminClients adminClients,
                         TenantFiles files, PasswordCheckSetup passwordChecks, KeycloakEventAudit eventAudit) {
        this.passwordChecks = passwordChecks;
        this.eventAudit = eventAudit;
        this.userChanged = userChanged;
        this.addresses = addresses;
        this.adminClients = adminClients;
        this.files = files;
        this.keycloak = keycloak;
        this.audit = audit;
        this.adminRealm = config.adminRealm();
    }

    /** Creates the realm with {@link TenantDefaults}; a half-made realm is removed again. */
    public void create(String id, String actor) {
        if (!TenantIds.isValid(id)) {
            throw new WharfException(Reason.BAD_REQUEST, "tenant id must be a lower-case DNS label "
                    + "(a-z, 0-9, '-', at most 63 characters, no '-' at either end)");
        }
        if (isReserved(id)) {
            throw new WharfException(Reason.BAD_REQUEST, "tenant id " + id + " is reserved");
        }
        try {
            keycloak.createRealm(TenantDefaults.realm(id));
        } catch (KeycloakErrorException e) {
            if (e.status() == 409) {
                throw new WharfException(Reason.ALREADY_EXISTS, "tenant " + id + " already exists");
            }
            throw new WharfException(Reason.INTERNAL_ERROR, "Keycloak refused to create realm " + id + ": "
                    + e.getMessage(), e);
        }
        try {
            keycloak.updateUserProfile(id, TenantDefaults.userProfile(keycloak.userProfile(id)));
            ensureAdminAccess(id, TenantDefaults.SITE_SETTINGS);
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
        LOG.infof("tenant %s created by %s", id, actor);
        adminChange("tenant.created", id, actor, null);
    }

    /**
     * Tenant ids, sorted. Keycloak lists realms only whole (4.6 KB each; 1.5 s at 100 realms), so the ids are kept
     * for {@link HostnameDirectory#REFRESH} and dropped by a tenant-wide change through this replica: the pages of a
     * list then cost one realm list per 30 s, and another replica's new tenant shows within 30 s.
     */
    public List<String> list() {
        IdSnapshot snapshot = ids;
        if (snapshot != null && System.nanoTime() - snapshot.readAt() < HostnameDirectory.REFRESH.toNanos()) {
            return snapshot.ids();
        }
        List<String> fresh = keycloak.realms().stream().filter(this::isTenant).map(KeycloakRealm::name).sorted()
                .toList();
        ids = new IdSnapshot(fresh, System.nanoTime());
        return fresh;
    }

    /** The tenant ids as last read from Keycloak, and when (System.nanoTime). */
    private record IdSnapshot(List<String> ids, long readAt) {
    }

    /**
     * Deletes the tenant: disabled first (no new login), then its files (storage-service), then its realm (users,
     * keys, groups, settings and host names). If the files cannot be removed the tenant stays disabled and the call
     * fails; repeating it finishes the job. The name is free again afterwards.
     */
    public void delete(String id, String actor) {
        KeycloakRealm realm = require(id);
        if (realm.enabled()) {
            keycloak.updateRealm(id, Map.of("enabled", false));
        }
        try {
            files.purge(id);
        } catch (WharfException e) {
            LOG.errorf("tenant %s: disabled, but its files were not removed (%s); delete it again to finish", id,
                    e.getMessage());
            adminChange("tenant.disabled", id, actor, null);
            throw new WharfException(e.reason(), "tenant " + id + " is disabled but its files were not removed ("
                    + e.getMessage() + "); delete it again to finish", e);
        }
        try {
            keycloak.deleteRealm(id);
        } catch (KeycloakErrorException e) {
            if (e.status() == 404) {
                throw unknown(id);
            }
            throw new WharfException(Reason.INTERNAL_ERROR, "Keycloak refused to delete realm " + id + ": "
                    + e.getMessage(), e);
        }
        LOG.infof("tenant %s deleted by %s", id, actor);
        adminChange("tenant.deleted", id, actor, null);
    }

    /** Fails with 404 {@code unknown_tenant} unless {@code id} is a Wharf tenant. */
    public KeycloakRealm require(String id) {
        if (!TenantIds.isValid(id) || isReserved(id)) {
            throw unknown(id);
        }
        return keycloak.realm(id).filter(this::isTenant).orElseThrow(() -> unknown(id));
    }

    /** The tenant with its settings and public addresses. */
    public Tenant show(String id) {
        return view(require(id));
    }

    /** Enables or disables the tenant: a disabled realm refuses every login and token (unknown_tenant). */
    public Tenant update(String id, TenantPatch req, String actor) {
        if (req == null) {
            throw new WharfException(Reason.BAD_REQUEST, "a JSON body {\"enabled\": true|false} is required");
        }
        KeycloakRealm realm = require(id);
        if (req.enabled() != null && req.enabled() != realm.enabled()) {
            keycloak.updateRealm(id, Map.of("enabled", req.enabled()));
            LOG.infof("tenant %s %s by %s", id, req.enabled() ? "enabled" : "disabled", actor);
            adminChange("tenant.updated", id, actor, null);
        }
        return show(id);
    }

    /** The tenant's site settings, read from its realm attributes. */
    public SiteSettings settings(String id) {
        return SiteAttributes.read(require(id).attributes());
    }

    /** Changes the given settings; realm attributes are replaced as a whole by Keycloak, so all are sent back. */
    public SiteSettings updateSettings(String id, SiteSettings req, String actor) {
        if (req == null) {
            throw new WharfException(Reason.BAD_REQUEST, "a JSON body of settings is required");
        }
        KeycloakRealm realm = require(id);
        Map<String, String> attributes = SiteAttributes.apply(realm.attributes(), req);
        keycloak.updateRealm(id, Map.of("attributes", attributes));
        LOG.infof("tenant %s: site settings changed by %s: %s", id, actor, req);
        adminChange("tenant.settings_changed", id, actor, null);
        return settings(id);
    }

    /**
     * Makes sure the tenant's realm has the tenant-administrator role and the admin-API client scoped to it
     * (tenants made before either existed get them at startup and on the first grant).
     */
    public void ensureAdminAccess(String id) {
        adminClients.ensure(id, AdminRole.TENANT_ADMIN, "Wharf tenant administrator: manages this tenant's users, "
                + "groups and site settings through the admin API");
    }

    /**
     * Repairs the admin access of every tenant not yet marked with {@link #ADMIN_ACCESS_MARKER} at its current
     * version: one realm list and nothing more per tenant on a warm start, whatever the number of tenants. One
     * tenant's failure is logged and does not stop the others (a grant retries it).
     */
    public void repairAdminAccess() {
        for (KeycloakRealm realm : keycloak.realms()) {
            if (!isTenant(realm) || ADMIN_ACCESS_VERSION.equals(realm.attributes().get(ADMIN_ACCESS_MARKER))) {
                continue;
            }
            try {
                ensureAdminAccess(realm.name(), realm.attributes());
            } catch (RuntimeException e) {
                LOG.warnf("tenant %s: admin-API client or role not ensured: %s", realm.name(), e.getMessage());
            }
        }
    }

    /** {@link #ensureAdminAccess(String)}, then marks the realm done (its attributes are replaced as a whole). */
    private void ensureAdminAccess(String id, Map<String, String> currentAttributes) {
        ensureAdminAccess(id);
        eventAudit.enable(id);
        Map<String, String> attributes = new java.util.HashMap<>(currentAttributes);
        attributes.put(ADMIN_ACCESS_MARKER, ADMIN_ACCESS_VERSION);
        keycloak.updateRealm(id, Map.of("attributes", attributes));
    }

    private Tenant view(KeycloakRealm realm) {
        List<String> own = SiteAttributes.hostnames(realm.attributes());
        return new Tenant(realm.name(), realm.enabled(), SiteAttributes.read(realm.attributes()),
                addresses.portalUrl(realm.name()), addresses.hostnames(realm.name(), own));
    }

    /**
     * Publishes an {@code ADMIN_CHANGE} event; {@code target} is the changed user, if any (none: the whole tenant).
     * Also tells this replica's caches ({@link UserChanged}).
     */
    public void adminChange(String action, String tenant, String actor, String target) {
        adminChange(action, tenant, actor, target, new UserChanged(tenant, target));
    }

    /**
     * Publishes an {@code ADMIN_CHANGE} event about {@code target} (a user, group or nothing) and tells this
     * replica's caches what it touched ({@code changed}; null: no user).
     */
    public void adminChange(String action, String tenant, String actor, String target, UserChanged changed) {
        if (target == null) {
            ids = null; // a tenant was created, deleted or changed as a whole: the next list reads Keycloak again
        }
        if (changed != null) {
            userChanged.fire(changed);
        }
        audit.publish(AuditEvent.builder(AuditType.ADMIN_CHANGE, AUDIT_SOURCE)
                .tenant(tenant).user(actor).reason(Reason.OK.code())
                .data("action", action).data("actor", actor).data("target", target).build());
    }

    private boolean isTenant(KeycloakRealm r) {
        return !isReserved(r.name()) && "true".equals(r.attributes().get(TenantDefaults.TENANT_MARKER));
    }

    private boolean isReserved(String id) {
        return id.equals(adminRealm.toLowerCase(Locale.ROOT)) || id.equals("master");
    }

    private static WharfException unknown(String id) {
        return new WharfException(Reason.UNKNOWN_TENANT, "no tenant " + dev.wharf.core.files.VirtualPaths.printable(id));
    }
}
