package dev.wharf.audit.kafka;

import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A process that publishes audit events as fast as it can and prints each event's id once {@code publish}
 * returned, until it is killed; {@link SpoolReplayIT} kills it with SIGKILL.
 *
 * <p>Arguments: spool directory, bootstrap servers, most events to publish.
 */
public final class SpoolingChild {
    private SpoolingChild() {
    }

    public static void main(String[] args) throws Exception {
        KafkaAuditSettings settings = KafkaAuditSettings.defaults(args[1], "unused", Path.of(args[0]))
                .withMaxBlock(Duration.ofMillis(200));
        KafkaAuditSink sink = new KafkaAuditSink(settings);
        int most = Integer.parseInt(args[2]);
        for (int i = 0; i < most; i++) {
            AuditEvent e = AuditEvent.builder(AuditType.UPLOAD, "/gateway-ftp").tenant("acme").user("alice")
                    .protocol("ftp").clientAddress("192.0.2.1").sessionId("s-child").data("path", "/f" + i)
                    .data("bytes", (long) i).build();
            sink.publish(e);
            System.out.println("spooled " + e.id());
            System.out.flush();
        }
        System.out.println("done");
        System.out.flush();
        // parked until killed (bounded: 5 minutes); never closes the sink
        new java.util.concurrent.CountDownLatch(1).await(5, java.util.concurrent.TimeUnit.MINUTES);
    }
}
