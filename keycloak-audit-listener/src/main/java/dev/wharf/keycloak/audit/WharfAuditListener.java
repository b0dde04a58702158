package dev.wharf.keycloak.audit;

import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.core.tenant.TenantUserName;
import org.keycloak.events.Event;
import org.jboss.logging.Logger;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one Keycloak session's admin events and account-console credential changes into
 * {@code dev.wharf.admin.changed} events: built inside Keycloak's transaction (names are looked up there; after the
 * commit the session can no longer read), published only once it committed, dropped when it rolls back.
 */
final class WharfAuditListener implements EventListenerProvider {
    /** The CloudEvents {@code source} of what this provider publishes. */
    static final String SOURCE = "/keycloak";

    private static final Logger LOG = Logger.getLogger(WharfAuditListener.class);

    private final KeycloakSession session;
    private final AuditListenerSettings settings;
    private final List<AuditEvent> pending = new ArrayList<>();

    WharfAuditListener(KeycloakSession session, AuditListenerSettings settings, AuditPublisher publisher) {
        this.session = session;
        this.settings = settings;
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                pending.forEach(publisher::publish);
                pending.clear();
            }

            @Override
            protected void rollbackImpl() {
                pending.clear();
            }
        });
    }

    // A listener's exception fails the administrator's call: the audit trail logs its own failures instead

    @Override
    public void onEvent(Event event) {
        try {
            if (event.getError() == null && event.getType() != null
                    && AdminChanges.userAction(event.getType().name()).isPresent()) {
                pending.add(userEvent(event));
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "wharf-audit: cannot audit %s in realm %s", event.getType(), event.getRealmName());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        try {
            AuthDetails auth = event.getAuthDetails();
            String client = auth == null ? null : clientId(auth.getRealmId(), auth.getClientId());
            if (event.getError() == null && (client == null || !settings.skipClients().contains(client))) {
                pending.add(adminEvent(event, client));
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "wharf-audit: cannot audit %s %s in realm %s", event.getOperationType(),
                    event.getResourcePath(), event.getRealmName());
        }
    }

    private AuditEvent adminEvent(AdminEvent event, String client) {
        AuthDetails auth = event.getAuthDetails();
        boolean tenantRealm = inTenantRealm(event.getRealmId(), event.getRealmName());
        Optional<UserModel> actorUser = auth == null ? Optional.empty() : user(auth.getRealmId(), auth.getUserId());
        Optional<TenantUserName> actorName = auth != null && inTenantRealm(auth.getRealmId(), auth.getRealmName())
                ? actorUser.flatMap(u -> TenantRealmNames.user(session, u)) : Optional.empty();
        String actor = actorUser.map(UserModel::getUsername).orElse(auth == null ? null : auth.getUserId());
        String type = event.getResourceType() == null ? event.getResourceTypeAsString() : event.getResourceType().name();
        String operation = event.getOperationType() == null ? null : event.getOperationType().name();
        Optional<String> userId = AdminChanges.userId(event.getResourcePath());
        Optional<UserModel> targetUser = userId.flatMap(id -> user(event.getRealmId(), id));
        Optional<RemovedUsers.Removed> removed = targetUser.isPresent() ? Optional.empty()
                : userId.flatMap(id -> RemovedUsers.of(session, id));
        String target = targetUser.map(UserModel::getUsername)
                .or(() -> removed.map(RemovedUsers.Removed::username)).orElse(userId.orElse(null));
        String tenant = realmName(event.getRealmId(), event.getRealmName());
        if (tenantRealm) {
            // one realm holds every tenant: the tenant is the one of what changed, else the administrator's own;
            // a change to the realm itself names no tenant
            Optional<TenantUserName> targetName = targetUser.flatMap(u -> TenantRealmNames.user(session, u))
                    .or(() -> removed.flatMap(RemovedUsers.Removed::tenantName));
            tenant = targetName.map(TenantUserName::tenant)
                    .or(() -> AdminChanges.groupId(event.getResourcePath()).flatMap(this::groupTenant))
                    .or(() -> actorName.map(TenantUserName::tenant)).orElse(null);
            target = shown(targetName, tenant).orElse(target);
            actor = shown(actorName, tenant).orElse(actor);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("keycloakClient", client);
        details.put("resourcePath", event.getResourcePath());
        if (auth != null && auth.getRealmId() != null && !auth.getRealmId().equals(event.getRealmId())) {
            details.put("actorRealm", realmName(auth.getRealmId(), auth.getRealmName()));
        }
        details.values().removeIf(java.util.Objects::isNull);
        return event(tenant, actor, auth == null ? null : auth.getIpAddress(),
                AdminChanges.adminAction(type, operation, event.getResourcePath()), target, details);
    }

    private AuditEvent userEvent(Event event) {
        String tenant = realmName(event.getRealmId(), event.getRealmName());
        Optional<UserModel> found = user(event.getRealmId(), event.getUserId());
        String known = found.map(UserModel::getUsername)
                .orElseGet(() -> event.getDetails() == null ? event.getUserId() : event.getDetails().get("username"));
        String user = known;
        if (inTenantRealm(event.getRealmId(), event.getRealmName())) {
            Optional<TenantUserName> name = found.flatMap(u -> TenantRealmNames.user(session, u))
                    .or(() -> TenantUserName.parse(known));
            tenant = name.map(TenantUserName::tenant).orElse(null);
            user = shown(name, tenant).orElse(user);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("keycloakClient", event.getClientId());
        if (event.getDetails() != null && event.getDetails().get("credential_type") != null) {
            details.put("credentialType", event.getDetails().get("credential_type"));
        }
        details.values().removeIf(java.util.Objects::isNull);
        return event(tenant, user, event.getIpAddress(),
                AdminChanges.userAction(event.getType().name()).orElseThrow(), user, details);
    }

    /**
     * The plain name of a user of {@code tenant}; a user of another tenant keeps its qualified name (an
     * administrator acting across tenants stays visible as such), so an event never names a user of another tenant
     * as one of its own.
     */
    private static Optional<String> shown(Optional<TenantUserName> name, String tenant) {
        return name.map(n -> n.tenant().equals(tenant) ? n.user() : n.qualified());
    }

    /**
     * Whether events of this realm are the organization tenants' (docs/TENANCY.md): the configured tenant realm, with
     * Organizations on. A realm of the realm-per-tenant model is its own tenant as before, even one named like the
     * tenant realm (realm tenants never have Organizations on).
     */
    private boolean inTenantRealm(String realmId, String realmName) {
        if (!settings.tenantRealm().equals(realmName(realmId, realmName))) {
            return false;
        }
        RealmModel realm = realmId == null ? session.realms().getRealmByName(settings.tenantRealm())
                : session.realms().getRealm(realmId);
        return realm != null && realm.isOrganizationsEnabled();
    }

    private Optional<String> groupTenant(String groupId) {
        RealmModel realm = session.realms().getRealmByName(settings.tenantRealm());
        GroupModel group = realm == null ? null : session.groups().getGroupById(realm, groupId);
        return group == null ? Optional.empty() : TenantRealmNames.group(group);
    }

    private static AuditEvent event(String tenant, String actor, String address, String action, String target,
                                    Map<String, Object> details) {
        return AuditEvent.builder(AuditType.ADMIN_CHANGE, SOURCE).tenant(tenant)
                .user(actor == null ? "unknown" : actor).protocol("http").clientAddress(address).reason("ok")
                .data("action", action).data("actor", actor).data("target", target)
                .data("details", details.isEmpty() ? null : details).build();
    }

    private String realmName(String realmId, String known) {
        if (known != null) {
            return known;
        }
        RealmModel realm = realmId == null ? null : session.realms().getRealm(realmId);
        return realm == null ? realmId : realm.getName();
    }

    /** The {@code clientId} of the client with internal id {@code id} (admin events carry the internal id). */
    private String clientId(String realmId, String id) {
        RealmModel realm = realmId == null || id == null ? null : session.realms().getRealm(realmId);
        ClientModel client = realm == null ? null : realm.getClientById(id);
        return client == null ? id : client.getClientId();
    }

    /** A user by id; empty when the user is gone (deleted) or unknown. */
    private Optional<UserModel> user(String realmId, String userId) {
        if (realmId == null || userId == null) {
            return Optional.empty();
        }
        RealmModel realm = session.realms().getRealm(realmId);
        return Optional.ofNullable(realm == null ? null : session.users().getUserById(realm, userId));
    }

    @Override
    public void close() {
        // the producer belongs to the factory and outlives every session
    }
}
