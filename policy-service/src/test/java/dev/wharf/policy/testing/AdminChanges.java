package dev.wharf.policy.testing;

import dev.wharf.audit.kafka.KafkaAuditSettings;
import dev.wharf.audit.kafka.KafkaAuditSink;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Publishes ADMIN_CHANGE events as identity-service does, through wharf-audit's Kafka sink. */
public final class AdminChanges {
    private AdminChanges() {
    }

    /** An admin change of {@code tenant} on the running test application's audit topic; returns once delivered. */
    public static void publish(String tenant, String action) {
        var config = ConfigProvider.getConfig();
        Path spool;
        try {
            spool = Files.createTempDirectory("wharf-audit-spool");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaAuditSettings settings = KafkaAuditSettings.defaults(
                config.getValue("wharf.audit.bootstrap-servers", String.class),
                config.getValue("wharf.audit.topic", String.class), spool);
        // close() waits for the broker's acknowledgement
        try (KafkaAuditSink sink = new KafkaAuditSink(settings)) {
            sink.publish(AuditEvent.builder(AuditType.ADMIN_CHANGE, "/identity-service").tenant(tenant).user("admin")
                    .reason("ok").data("action", action).data("actor", "admin").build());
        }
    }
}
