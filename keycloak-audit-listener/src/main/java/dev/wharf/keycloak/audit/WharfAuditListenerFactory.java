package dev.wharf.keycloak.audit;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.UserModel;
import org.jboss.logging.Logger;

/** Registers the {@value #ID} event listener; a realm enables it in its {@code eventsListeners}. */
public final class WharfAuditListenerFactory implements EventListenerProviderFactory {
    /** The provider id realms list in {@code eventsListeners}. */
    public static final String ID = "wharf-audit";
    private static final Logger LOG = Logger.getLogger(WharfAuditListenerFactory.class);
    private static final EventListenerProvider OFF = new EventListenerProvider() {
        @Override
        public void onEvent(org.keycloak.events.Event event) {
        }

        @Override
        public void onEvent(org.keycloak.events.admin.AdminEvent event, boolean includeRepresentation) {
        }

        @Override
        public void close() {
        }
    };

    private AuditListenerSettings settings;
    private AuditPublisher publisher;

    @Override
    public void init(Config.Scope config) {
        settings = AuditListenerSettings.from(config::get);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (settings.enabled()) {
            publisher = new AuditPublisher(settings);
            // a deleted user's admin event comes after the user is gone: remember its name while it still exists
            factory.register(event -> {
                if (event instanceof UserModel.UserPreRemovedEvent removed) {
                    RemovedUsers.remember(removed.getKeycloakSession(), removed.getUser());
                }
            });
            LOG.infof("wharf-audit: publishing admin changes on %s at %s (not for clients %s)", settings.topic(),
                    settings.bootstrapServers(), settings.skipClients());
        } else {
            LOG.warn("wharf-audit: no bootstrap-servers (--spi-events-listener--wharf-audit--bootstrap-servers): "
                    + "changes made in Keycloak's consoles are NOT audited");
        }
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return publisher == null ? OFF : new WharfAuditListener(session, settings, publisher);
    }

    @Override
    public void close() {
        if (publisher != null) {
            publisher.close();
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
