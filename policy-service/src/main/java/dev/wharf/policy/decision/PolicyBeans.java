package dev.wharf.policy.decision;

import dev.wharf.policy.address.CidrList;
import dev.wharf.policy.ban.BanSettings;
import dev.wharf.policy.ban.BanStore;
import dev.wharf.policy.ban.InMemoryBanStore;
import dev.wharf.policy.config.PolicyConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;

/** Wires the plain policy classes from configuration. */
@ApplicationScoped
public class PolicyBeans {

    /** In-process bans; a shared store replaces this bean (it is the default, not the only one). */
    @Produces
    @ApplicationScoped
    @DefaultBean
    BanStore banStore(PolicyConfig config) {
        PolicyConfig.Ban b = config.ban();
        return new InMemoryBanStore(new BanSettings(b.maxFailures(), b.window(), b.duration(), b.maxTrackedAddresses()));
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    PolicyDecider decider(BanStore bans, PolicyConfig config, Clock clock) {
        CidrList exempt = CidrList.of(config.ban().exempt().orElse(List.of()));
        if (!exempt.invalid().isEmpty()) {
            throw new IllegalArgumentException("wharf.policy.ban.exempt has entries that are not addresses or CIDR "
                    + "ranges: " + exempt.invalid());
        }
        return new PolicyDecider(bans, exempt, new HashSet<>(config.plainFtpAllowedTenants().orElse(List.of())), clock);
    }
}
