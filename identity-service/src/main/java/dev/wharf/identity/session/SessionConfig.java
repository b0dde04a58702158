package dev.wharf.identity.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How open sessions are counted for per-user limits ({@code wharf.identity.sessions.*}, {@code WHARF_IDENTITY_SESSIONS_*}). */
@ConfigMapping(prefix = "wharf.identity.sessions")
public interface SessionConfig {
    /** Kafka topic the replicas share open, renewed and ended sessions on. */
    @WithDefault("wharf.identity.sessions")
    String topic();

    /**
     * How long past its grant's expiry a session still counts: the gateways renew a live session's grant before it
     * runs out, so only a session whose gateway died (or lost identity-service) stops counting, one grant lifetime
     * plus this margin after its last renewal.
     */
    @WithDefault("PT1M")
    Duration leaseMargin();
}
