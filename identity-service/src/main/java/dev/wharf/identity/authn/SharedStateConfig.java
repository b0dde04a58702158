package dev.wharf.identity.authn;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The 2FA state replicas share ({@code wharf.identity.shared-state.*}, {@code WHARF_IDENTITY_SHARED_STATE_*}). */
@ConfigMapping(prefix = "wharf.identity.shared-state")
public interface SharedStateConfig {
    /**
     * Secret key, the same on every replica, under which credentials and codes are digested: replicas recognise
     * each other's grace windows only with it. Unset: a random key per process (2FA grace is then per replica).
     * Never logged.
     */
    Optional<String> key();

    /** Kafka topic of the 2FA replay and grace events. */
    @WithDefault("wharf.identity.second-factor")
    String topic();
}
