package dev.wharf.audit.log;

import dev.wharf.audit.cloudevents.CloudEventJson;
import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoggingAuditSinkTest {
    @Test
    void writesEachEventAsOneJsonLineAtInfo() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(LoggingAuditSink.LOGGER);
        logger.addHandler(capture);
        try {
            AuditEvent e = AuditEvent.builder(AuditType.FOLDER_CREATED, "/gateway-ftp").tenant("acme").user("alice")
                    .protocol("ftps").clientAddress("192.0.2.1").sessionId("s-1").data("path", "/new").build();
            new LoggingAuditSink().publish(e);
            assertEquals(1, records.size());
            LogRecord r = records.get(0);
            assertEquals(Level.INFO.intValue(), r.getLevel().intValue());
            String line = r.getMessage();
            assertEquals(-1, line.indexOf('\n'), "one line per event");
            assertEquals(e, CloudEventJson.parse(line));
        } finally {
            logger.removeHandler(capture);
        }
    }
}
