package dev.wharf.identity.tenant;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditSink;
import dev.wharf.core.audit.AuditType;
import dev.wharf.identity.keycloak.KeycloakConfig;
import dev.wharf.identity.sharing.PublicAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Tenants: their life cycle, settings and audit, over the {@link TenantDirectory} (what a tenant is in Keycloak).
 * Ids that are not tenant ids, and the admin realm, are never tenants.
 */
@ApplicationScoped
public class TenantService {
    /** The audit {@code source} of events this service publishes. */
    public static final String AUDIT_SOURCE = "/identity-service";
    private static final Logger LOG = Logger.getLogger(TenantService.class);

    private final TenantDirectory directory;
    private final AuditSink audit;
    private final String adminRealm;
    private final Event<UserChanged> userChanged;
    private final PublicAddresses addresses;
    private final TenantFiles files;

    @Inject
    public TenantService(TenantDirectory directory, AuditSink audit, KeycloakConfig config,
                         Event<UserChanged> userChanged, PublicAddresses addresses, TenantFiles files) {
        this.directory = directory;
        this.userChanged = userChanged;
        this.addresses = addresses;
        this.files = files;
        this.audit = audit;
        this.adminRealm = config.adminRealm();
    }

    /** Creates the tenant with {@link TenantDefaults#SITE_SETTINGS}; a half-made one is removed again. */
    public void create(String id, String actor) {
        if (!TenantIds.isValid(id)) {
            throw new WharfException(Reason.BAD_REQUEST, "tenant id must be a lower-case DNS label "
                    + "(a-z, 0-9, '-', at most 63 characters, no '-' at either end)");
        }
        if (isReserved(id)) {
            throw new WharfException(Reason.BAD_REQUEST, "tenant id " + id + " is reserved");
        }
        directory.create(id, TenantDefaults.SITE_SETTINGS);
        LOG.infof("tenant %s created by %s", id, actor);
        adminChange("tenant.created", id, actor, null);
    }

    /** Tenant ids, sorted. */
    public List<String> list() {
        return directory.ids();
    }

    /**
     * Deletes the tenant: disabled first (no new login), then its files (storage-service), then its users, keys,
     * groups, settings and host names in Keycloak. If the files cannot be removed the tenant stays disabled and the
     * call fails; repeating it finishes the job. The name is free again afterwards.
     */
    public void delete(String id, String actor) {
        TenantRecord tenant = require(id);
        if (tenant.enabled()) {
            directory.setEnabled(id, false);
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
        directory.delete(id);
        LOG.infof("tenant %s deleted by %s", id, actor);
        adminChange("tenant.deleted", id, actor, null);
    }

    /** Fails with 404 {@code unknown_tenant} unless {@code id} is a Wharf tenant. */
    public TenantRecord require(String id) {
        if (!TenantIds.isValid(id) || isReserved(id)) {
            throw unknown(id);
        }
        return directory.find(id).orElseThrow(() -> unknown(id));
    }

    /** The tenant with its settings and public addresses. */
    public Tenant show(String id) {
        return view(require(id));
    }

    /** Enables or disables the tenant: a disabled tenant refuses every login and token ({@code tenant_disabled}). */
    public Tenant update(String id, TenantPatch req, String actor) {
        if (req == null) {
            throw new WharfException(Reason.BAD_REQUEST, "a JSON body {\"enabled\": true|false} is required");
        }
        TenantRecord tenant = require(id);
        if (req.enabled() != null && req.enabled() != tenant.enabled()) {
            directory.setEnabled(id, req.enabled());
            LOG.infof("tenant %s %s by %s", id, req.enabled() ? "enabled" : "disabled", actor);
            adminChange("tenant.updated", id, actor, null);
        }
        return show(id);
    }

    /** The tenant's site settings, read from its attributes, with what its files hold (storage-service counts). */
    public SiteSettings settings(String id) {
        SiteSettings s = SiteAttributes.read(require(id).attributes());
        return s.withUsage(files.usage(id, "/"));
    }

    /** Changes the given settings; attributes are replaced as a whole by Keycloak, so all are sent back. */
    public SiteSettings updateSettings(String id, SiteSettings req, String actor) {
        if (req == null) {
            throw new WharfException(Reason.BAD_REQUEST, "a JSON body of settings is required");
        }
        TenantRecord tenant = require(id);
        Map<String, String> attributes = SiteAttributes.apply(tenant.attributes(), req);
        directory.setAttributes(id, attributes);
        LOG.infof("tenant %s: site settings changed by %s: %s", id, actor, req);
        adminChange("tenant.settings_changed", id, actor, null);
        return settings(id);
    }

    /** Makes sure the tenant's administrators can get admin-API tokens (tenants made before that was set up). */
    public void ensureAdminAccess(String id) {
        directory.ensureAdminAccess(id);
    }

    /** Brings every existing tenant up to date (start-up pass); see {@link TenantDirectory#repair}. */
    public void repair() {
        directory.repair();
    }

    private Tenant view(TenantRecord tenant) {
        List<String> own = SiteAttributes.hostnames(tenant.attributes());
        return new Tenant(tenant.id(), tenant.enabled(), SiteAttributes.read(tenant.attributes()),
                addresses.portalUrl(tenant.id()), addresses.hostnames(tenant.id(), own));
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
        if (changed != null) {
            userChanged.fire(changed);
        }
        audit.publish(AuditEvent.builder(AuditType.ADMIN_CHANGE, AUDIT_SOURCE)
                .tenant(tenant).user(actor).reason(Reason.OK.code())
                .data("action", action).data("actor", actor).data("target", target).build());
    }

    private boolean isReserved(String id) {
        return id.equals(adminRealm.toLowerCase(Locale.ROOT)) || id.equals("master");
    }

    private static WharfException unknown(String id) {
        return new WharfException(Reason.UNKNOWN_TENANT, "no tenant " + dev.wharf.core.files.VirtualPaths.printable(id));
    }
}
