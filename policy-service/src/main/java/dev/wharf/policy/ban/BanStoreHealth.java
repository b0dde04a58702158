package dev.wharf.policy.ban;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;

/** Readiness: the ban store answers (trivial in-process; a shared store reports its connection here). */
@Readiness
@ApplicationScoped
public class BanStoreHealth implements HealthCheck {
    private final BanStore bans;
    private final Clock clock;

    @Inject
    public BanStoreHealth(BanStore bans, Clock clock) {
        this.bans = bans;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("ban-store").up()
                .withData("store", bans.getClass().getSimpleName())
                .withData("bannedAddresses", bans.bannedCount(clock.instant()))
                .build();
    }
}
