package dev.wharf.identity.tenant;

import dev.wharf.identity.keycloak.KeycloakAdmin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * Routes a tenant realm's admin events and account-console credential changes to Keycloak's {@value #LISTENER}
 * event listener (module keycloak-audit-listener), which publishes them on the audit topic. A Keycloak without the
 * provider is left as it is (an unknown listener in a realm would log an error on every event), with one warning.
 */
@ApplicationScoped
public class KeycloakEventAudit {
    /** The provider id of the listener. */
    public static final String LISTENER = "wharf-audit";
    /** The realm's listeners: Keycloak's default log listener and ours. */
    static final List<String> LISTENERS = List.of("jboss-logging", LISTENER);
    private static final Logger LOG = Logger.getLogger(KeycloakEventAudit.class);

    private final KeycloakAdmin keycloak;
    private volatile Boolean installed;

    @Inject
    public KeycloakEventAudit(KeycloakAdmin keycloak) {
        this.keycloak = keycloak;
    }

    /** Sends realm {@code id}'s events to the listener when Keycloak has it; asked of Keycloak once per process. */
    public void enable(String id) {
        if (!installed()) {
            return;
        }
        // admin events on (Keycloak also keeps them for its console's Admin events tab); their details
        // (representations) off: they can hold what an administrator typed, and the listener needs none of it
        keycloak.updateRealm(id, Map.of("eventsListeners", LISTENERS, "adminEventsEnabled", true,
                "adminEventsDetailsEnabled", false));
    }

    private boolean installed() {
        Boolean known = installed;
        if (known == null) {
            known = keycloak.providers("eventsListener").contains(LISTENER);
            if (!known) {
                LOG.warnf("Keycloak has no %s event listener: changes made in its admin and account consoles are not "
                        + "audited (install keycloak-audit-listener, docs/DEPLOYMENT.md)", LISTENER);
            }
            installed = known;
        }
        return known;
    }
}
