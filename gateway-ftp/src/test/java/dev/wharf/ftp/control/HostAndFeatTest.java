package dev.wharf.ftp.control;

import dev.wharf.core.audit.AuditEvent;
import dev.wharf.core.audit.AuditType;
import dev.wharf.ftp.support.Clients;
import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.RawControl;
import dev.wharf.ftp.support.TestFtpsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HOST (RFC 7151) and FEAT before login, and the tenant a HOST name selects. */
class HostAndFeatTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ACME_PASSWORD = "acme password";
    private static GatewayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture();
        // same user name in two tenants, different passwords: the login shows which tenant was asked
        f.identity.user("acme", "alice", ACME_PASSWORD, "/alice");
        f.storage.mkdirs("acme", "/alice");
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void featBeforeLoginListsTheFeaturesIncludingHost() throws Exception {
        try (RawControl c = new RawControl(f, 10_000)) {
            String feat = c.send("FEAT");
            assertTrue(feat.startsWith("211-"), feat);
            assertTrue(feat.contains(" AUTH TLS"), feat);
            assertTrue(feat.contains(" HOST"), feat);
            assertTrue(feat.endsWith("211 End"), feat);
            assertFalse(feat.contains("MD5"), feat);
        }
    }

    @Test
    void hostSelectsTheTenantOfTheLogin() throws Exception {
        TestFtpsClient c = Clients.ftps(f, false);
        try {
            assertEquals(220, c.sendCommand("HOST", "ACME.files.test"), c.getReplyString());
            assertTrue(c.login("alice", ACME_PASSWORD), c.getReplyString());
        } finally {
            Clients.close(c);
        }
        AuditEvent ok = f.audit.await(e -> e.type() == AuditType.LOGIN_SUCCEEDED && "acme".equals(e.tenant()), WAIT);
        assertEquals("alice", ok.user());
    }

    @Test
    void hostOverridesTheDefaultTenantSoItsPasswordFails() throws Exception {
        TestFtpsClient c = Clients.ftps(f, false);
        try {
            assertEquals(220, c.sendCommand("HOST", "acme.files.test"), c.getReplyString());
            assertFalse(c.login("alice", GatewayFixture.PASSWORD), "demo's password is not acme's");
            assertEquals(530, c.getReplyCode());
        } finally {
            Clients.close(c);
        }
    }

    @Test
    void unknownHostIsRefusedWith504() throws Exception {
        try (RawControl c = new RawControl(f, 10_000)) {
            String reply = c.send("HOST www.example.org");
            assertTrue(reply.startsWith("504 "), reply);
            assertTrue(reply.contains("no site"), reply);
        }
    }

    @Test
    void addressLiteralIsAcceptedWithoutSelectingASite() throws Exception {
        try (RawControl c = new RawControl(f, 10_000)) {
            assertTrue(c.send("HOST 127.0.0.1").startsWith("220 "));
            assertTrue(c.send("HOST [::1]").startsWith("220 "));
        }
    }

    @Test
    void hostWithControlCharactersIsRefusedAndNotEchoed() throws Exception {
        try (RawControl c = new RawControl(f, 10_000)) {
            String reply = c.send("HOST evil\u0007\u001b[2Jname.files.test");
            assertTrue(reply.startsWith("501 "), reply);
            assertFalse(reply.contains("evil"), reply);
            assertFalse(reply.contains("\u001b"), reply);
        }
    }

    @Test
    void hostWithoutNameAfterUserAndAfterLoginAreRefused() throws Exception {
        try (RawControl c = new RawControl(f, 10_000)) {
            assertTrue(c.send("HOST").startsWith("501 "));
            assertTrue(c.send("USER alice").startsWith("331 "));
            assertTrue(c.send("HOST acme.files.test").startsWith("503 "));
        }
        TestFtpsClient logged = Clients.loggedIn(f, false, "alice");
        try {
            assertEquals(503, logged.sendCommand("HOST", "acme.files.test"), logged.getReplyString());
        } finally {
            Clients.close(logged);
        }
    }

    @Test
    void otherCommandsBeforeLoginStillNeedALogin() throws Exception {
        try (RawControl c = new RawControl(f, 10_000)) {
            assertTrue(c.send("PWD").startsWith("530 "));
        }
    }

    @Test
    void sniNamingASiteSelectsItsTenant() throws Exception {
        assertEquals("230", implicitLoginWithSni("acme.files.test", ACME_PASSWORD).substring(0, 3));
        AuditEvent ok = f.audit.await(e -> e.type() == AuditType.LOGIN_SUCCEEDED && "acme".equals(e.tenant())
                && "ftps".equals(e.protocol()), WAIT);
        assertEquals("alice", ok.user());
    }

    @Test
    void sniNamingTheBaseDomainLeavesTheTenantToTheNextRule() throws Exception {
        // the base domain names no site: the default tenant (demo) applies, so demo's password works
        assertEquals("230", implicitLoginWithSni("files.test", GatewayFixture.PASSWORD).substring(0, 3));
    }

    /** Logs in as alice over implicit TLS with the given SNI name and returns the reply to PASS. */
    private static String implicitLoginWithSni(String serverName, String password) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {f.tls.trustManager()}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", f.implicitPort())) {
            s.setSoTimeout(10_000);
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(serverName)));
            s.setSSLParameters(p);
            s.startHandshake();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8);
            assertTrue(in.readLine().startsWith("220"));
            out.write("USER alice\r\n");
            out.flush();
            assertTrue(in.readLine().startsWith("331"));
            out.write("PASS " + password + "\r\n");
            out.flush();
            return in.readLine();
        }
    }
}
