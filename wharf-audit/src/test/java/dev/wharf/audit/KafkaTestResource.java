package dev.wharf.audit;

import dev.wharf.audit.kafka.AuditTopic;
import dev.wharf.launcher.TestComponents;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the audit sink at the test JVM's real Kafka broker and a topic of this run's own. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        // a spool of this run's own: one left by an earlier run would replay its events into this topic
        return Map.of("wharf.audit.bootstrap-servers", TestComponents.kafka().bootstrapServers(),
                "wharf.audit.topic", AuditTopic.unique(),
                "wharf.audit.spool.directory", TestComponents.newWorkDir("audit-spool").toString());
    }

    @Override
    public void stop() {
        // the broker is a per-JVM singleton, stopped by TestComponents' shutdown hook
    }
}
