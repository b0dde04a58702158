package dev.wharf.keycloak.audit;

import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import org.keycloak.events.Event;
import org.jboss.logging.Logger;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.ClientModel;
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
        String actor = auth == null ? null : username(auth.getRealmId(), auth.getUserId()).orElse(auth.getUserId());
        String tenant = realmName(event.getRealmId(), event.getRealmName());
        String type = event.getResourceType() == null ? event.getResourceTypeAsString() : event.getResourceType().name();
        String operation = event.getOperationType() == null ? null : event.getOperationType().name();
        Optional<String> userId = AdminChanges.userId(event.getResourcePath());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("keycloakClient", client);
        details.put("resourcePath", event.getResourcePath());
        if (auth != null && auth.getRealmId() != null && !auth.getRealmId().equals(event.getRealmId())) {
            details.put("actorRealm", realmName(auth.getRealmId(), auth.getRealmName()));
        }
        details.values().removeIf(java.util.Objects::isNull);
        return event(tenant, actor, auth == null ? null : auth.getIpAddress(),
                AdminChanges.adminAction(type, operation, event.getResourcePath()),
                userId.flatMap(id -> username(event.getRealmId(), id)).orElse(userId.orElse(null)), details);
    }

    private AuditEvent userEvent(Event event) {
        String tenant = realmName(event.getRealmId(), event.getRealmName());
        String user = username(event.getRealmId(), event.getUserId())
                .orElseGet(() -> event.getDetails() == null ? event.getUserId() : event.getDetails().get("username"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("keycloakClient", event.getClientId());
        if (event.getDetails() != null && event.getDetails().get("credential_type") != null) {
            details.put("credentialType", event.getDetails().get("credential_type"));
        }
        details.values().removeIf(java.util.Objects::isNull);
        return event(tenant, user, event.getIpAddress(),
                AdminChanges.userAction(event.getType().name()).orElseThrow(), user, details);
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

    /** The user name of a user id; empty when the user is gone (deleted) or unknown. */
    private Optional<String> username(String realmId, String userId) {
        if (realmId == null || userId == null) {
            return Optional.empty();
        }
        RealmModel realm = session.realms().getRealm(realmId);
        UserModel user = realm == null ? null : session.users().getUserById(realm, userId);
        return Optional.ofNullable(user).map(UserModel::getUsername);
    }

    @Override
    public void close() {
        // the producer belongs to the factory and outlives every session
    }
}
