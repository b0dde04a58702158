package dev.wharf.audit;

import dev.wharf.audit.log.LoggingAuditSink;
import dev.wharf.core.audit.AuditSink;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** {@code wharf.audit.enabled=false} gives the log sink, and no Kafka is needed. */
@QuarkusTest
@TestProfile(LoggingSinkWhenDisabledTest.Disabled.class)
class LoggingSinkWhenDisabledTest {
    /** Turns Kafka off. */
    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wharf.audit.enabled", "false", "wharf.audit.bootstrap-servers", "127.0.0.1:1");
        }
    }

    @Inject
    AuditSink sink;

    @Test
    void disabledAuditGoesToTheLog() {
        assertInstanceOf(LoggingAuditSink.class, ClientProxy.unwrap(sink));
    }
}
