package dev.wharf.identity.authn;

import dev.wharf.state.KafkaSharedLog;
import dev.wharf.state.SharedLogConfig;
import dev.wharf.state.StateConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

import java.time.Clock;

/** Wires the 2FA state: shared over Kafka (wharf-state), or in this process when {@code wharf.state.enabled=false}. */
@ApplicationScoped
public class SecondFactorStates {
    private static final Logger LOG = Logger.getLogger(SecondFactorStates.class);

    @Produces
    @ApplicationScoped
    SecondFactorState secondFactorState(StateConfig state, SharedStateConfig shared, CredentialDigest digests) {
        if (!state.enabled()) {
            LOG.info("wharf.state.enabled=false: 2FA replay and grace state is kept per replica");
            return new InMemorySecondFactorState();
        }
        SharedLogConfig kafka = state.sharedLog();
        return new SharedSecondFactorState(digests, Clock.systemUTC(), handler -> KafkaSharedLog.start(kafka,
                shared.topic(), SecondFactorEvent.class, SharedSecondFactorState.REPLAY_WINDOW, handler));
    }

    void close(@Disposes SecondFactorState state) {
        if (state instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warnf("closing the 2FA state: %s", e.getMessage());
            }
        }
    }

    /** Starts reading the shared state at startup rather than at the first 2FA login. */
    void start(@Observes StartupEvent ev, SecondFactorState state) {
        state.caughtUp();
    }
}
