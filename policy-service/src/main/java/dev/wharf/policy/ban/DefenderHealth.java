package dev.wharf.policy.ban;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;

/**
 * Readiness: DOWN until the defender's shared log has replayed its history (before that, this replica would let
 * banned addresses in), e.g. while Kafka cannot be reached at start.
 */
@Readiness
@ApplicationScoped
public class DefenderHealth implements HealthCheck {
    private final Defender defender;
    private final Clock clock;

    @Inject
    public DefenderHealth(Defender defender, Clock clock) {
        this.defender = defender;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        boolean caughtUp = defender.caughtUp();
        return HealthCheckResponse.named("defender").status(caughtUp)
                .withData("log", defender.logKind())
                .withData("caughtUp", caughtUp)
                .withData("bannedAddresses", defender.bannedCount(clock.instant()))
                .build();
    }
}
