package dev.wharf.identity.session;

import dev.wharf.identity.grant.GrantConfig;
import dev.wharf.state.KafkaSharedLog;
import dev.wharf.state.LocalSharedLog;
import dev.wharf.state.StateConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;

/** Wires the session registry: shared over Kafka (wharf-state), or in this process when {@code wharf.state.enabled=false}. */
@ApplicationScoped
public class SessionRegistries {
    private static final Logger LOG = Logger.getLogger(SessionRegistries.class);

    @Produces
    @ApplicationScoped
    SessionRegistry sessionRegistry(StateConfig state, SessionConfig sessions, GrantConfig grants) {
        Duration lease = lease(grants, sessions);
        if (!state.enabled()) {
            LOG.info("wharf.state.enabled=false: open sessions are counted per replica");
            return new SessionRegistry(Clock.systemUTC(), lease, LocalSharedLog::start);
        }
        // a starting replica reads back past the newest renewal of every live session
        Duration replay = lease.plus(sessions.leaseMargin());
        return new SessionRegistry(Clock.systemUTC(), lease, handler -> KafkaSharedLog.start(state.sharedLog(),
                sessions.topic(), SessionEvent.class, replay, handler));
    }

    /** The longest a session counts without a renewal: one grant lifetime and the margin. */
    public static Duration lease(GrantConfig grants, SessionConfig sessions) {
        return grants.lifetime().plus(sessions.leaseMargin());
    }

    void close(@Disposes SessionRegistry registry) {
        registry.close();
    }

    /** Starts reading the shared sessions at startup rather than at the first limited login. */
    void start(@Observes StartupEvent ev, SessionRegistry registry) {
        registry.caughtUp();
    }
}
