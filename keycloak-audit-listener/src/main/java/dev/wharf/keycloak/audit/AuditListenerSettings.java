package dev.wharf.keycloak.audit;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The provider's settings, from Keycloak's SPI options {@code --spi-events-listener--wharf-audit--<key>} (environment
 * {@code KC_SPI_EVENTS_LISTENER__WHARF_AUDIT__<KEY>}).
 *
 * @param bootstrapServers Kafka bootstrap servers; empty turns the provider off (it logs that once)
 * @param topic            the audit topic
 * @param skipClients      Keycloak client ids whose admin changes are not published here: identity-service calls
 *                         the admin API as {@code admin-cli} and publishes its own, richer event for each change
 * @param tenantRealm      the realm whose organizations are the tenants: its user names carry the tenant prefix
 */
record AuditListenerSettings(String bootstrapServers, String topic, Set<String> skipClients, String tenantRealm) {
    static final String DEFAULT_TOPIC = "wharf.audit";
    static final String DEFAULT_TENANT_REALM = "wharf";
    static final String DEFAULT_SKIP_CLIENTS = "admin-cli";

    /** Reads the settings through {@code get} (Keycloak's {@code Config.Scope::get}); missing keys take the defaults. */
    static AuditListenerSettings from(Function<String, String> get) {
        String servers = trimmed(get.apply("bootstrap-servers"), "");
        String topic = trimmed(get.apply("topic"), DEFAULT_TOPIC);
        Set<String> skip = Arrays.stream(trimmed(get.apply("skip-clients"), DEFAULT_SKIP_CLIENTS).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new AuditListenerSettings(servers, topic, skip,
                trimmed(get.apply("tenant-realm"), DEFAULT_TENANT_REALM));
    }

    boolean enabled() {
        return !bootstrapServers.isEmpty();
    }

    private static String trimmed(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.trim();
    }
}
