package dev.wharf.identity.testing;

import dev.wharf.launcher.KeycloakServer;
import dev.wharf.launcher.TestComponents;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points identity-service at the test JVM's real Keycloak (started once per JVM by wharf-launcher) through a
 * {@link TcpForwarder} that stays closed until a test opens it: the service starts before "its" Keycloak answers,
 * as it may in a cluster. Every test class of this module shares the one Quarkus application and Keycloak.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {
    /** The tenant that {@code wharf.identity.sharing.sftp-tenant-addresses} gives address 192.0.2.50. */
    public static final String OWN_SFTP_ADDRESS_TENANT = "ownsftp";
    private static volatile TcpForwarder forwarder;

    @Override
    public Map<String, String> start() {
        KeycloakServer kc = TestComponents.keycloak();
        forwarder = new TcpForwarder(kc.port());
        return Map.of(
                "wharf.keycloak.url", serviceUrl(),
                "wharf.keycloak.admin-user", kc.adminUser(),
                "wharf.keycloak.admin-password", kc.adminPassword(),
                "wharf.identity.gateways.client-secret", TestGateway.SECRET,
                "wharf.identity.sharing.sftp-tenant-addresses", "192.0.2.50=" + OWN_SFTP_ADDRESS_TENANT,
                // events go to the recording sink; the audit trail's reader (and Keycloak's listener) use this Kafka
                "wharf.audit.bootstrap-servers", TestComponents.kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        try {
            if (forwarder != null) {
                forwarder.close();
            }
        } catch (Exception e) {
            // the JVM is ending the tests; the Keycloak singleton itself is stopped by wharf-launcher's hook
        }
    }

    /** The Keycloak URL identity-service uses; admin-API tokens must come from it so that their issuer matches. */
    public static String serviceUrl() {
        return "http://127.0.0.1:" + forwarder.port();
    }

    /** Lets identity-service reach Keycloak from now on. */
    public static void openKeycloak() {
        forwarder.open();
    }

    public static boolean keycloakOpen() {
        return forwarder.isOpen();
    }
}
