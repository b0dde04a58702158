package dev.wharf.ftp.session;

import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.ftp.support.Clients;
import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.TestFtpsClient;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway log line written while it serves a session names the session, in the text format the apps use (the
 * shared {@code quarkus.log.console.format}): the FTP commands run in the session's logging context.
 */
class SessionLogLineTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static GatewayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void theLoginLineCarriesTheSessionId() throws Exception {
        PatternFormatter format = new PatternFormatter(sharedConsoleFormat());
        List<String> lines = new CopyOnWriteArrayList<>();
        // formatted in publish, on the thread that logged: the MDC is that thread's at the time of the line
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r instanceof ExtLogRecord ext) {
                    lines.add(format.format(ext));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("dev.wharf.core.login");
        logger.addHandler(recorder);
        try {
            TestFtpsClient c = Clients.ftps(f, false);
            try {
                assertTrue(c.login("alice", GatewayFixture.PASSWORD), c.getReplyString());
            } finally {
                Clients.close(c);
            }
            AuditEvent ok = f.audit.await(e -> e.type() == AuditType.LOGIN_SUCCEEDED && "alice".equals(e.user()),
                    WAIT);
            String line = lines.stream().filter(l -> l.contains("login succeeded")).findFirst().orElse(null);
            assertNotNull(line, "the gateway logged the login: " + lines);
            // the message itself names the session too; the MDC field stands before the message
            String beforeMessage = line.substring(0, line.indexOf("session " + ok.sessionId()));
            assertTrue(beforeMessage.contains(ok.sessionId()), "the line carries the session id: " + line);
        } finally {
            logger.removeHandler(recorder);
        }
    }

    /** The console format every app shares (wharf-api's META-INF/microprofile-config.properties). */
    static String sharedConsoleFormat() throws Exception {
        Enumeration<URL> files = SessionLogLineTest.class.getClassLoader()
                .getResources("META-INF/microprofile-config.properties");
        while (files.hasMoreElements()) {
            Properties p = new Properties();
            try (InputStream in = files.nextElement().openStream()) {
                p.load(in);
            }
            String format = p.getProperty("quarkus.log.console.format");
            if (format != null) {
                return format;
            }
        }
        throw new AssertionError("no shared quarkus.log.console.format on the class path");
    }
}
