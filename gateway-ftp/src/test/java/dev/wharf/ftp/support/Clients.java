package dev.wharf.ftp.support;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;

import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Apache Commons Net clients set up the way the tests need them (timeouts, trust, passive, binary). */
public final class Clients {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Clients() {
    }

    /** Connected (explicit: AUTH TLS done, implicit: TLS from the start), not logged in. */
    public static TestFtpsClient ftps(GatewayFixture f, boolean implicit) throws IOException {
        TestFtpsClient c = new TestFtpsClient(implicit);
        c.setTrustManager(f.tls.trustManager());
        timeouts(c);
        c.connect("127.0.0.1", implicit ? f.implicitPort() : f.explicitPort());
        return c;
    }

    /** Logged in as {@code user}, data connections protected (PBSZ 0, PROT P), passive, binary. */
    public static TestFtpsClient loggedIn(GatewayFixture f, boolean implicit, String user) throws IOException {
        TestFtpsClient c = ftps(f, implicit);
        assertTrue(c.login(user, GatewayFixture.PASSWORD), "login: " + c.getReplyString());
        c.execPBSZ(0);
        c.execPROT("P");
        c.enterLocalPassiveMode();
        assertTrue(c.setFileType(FTP.BINARY_FILE_TYPE), c.getReplyString());
        return c;
    }

    /** A plain FTP client on the explicit port, never sending AUTH TLS. */
    public static FTPClient plain(GatewayFixture f) throws IOException {
        FTPClient c = new FTPClient();
        timeouts(c);
        c.connect("127.0.0.1", f.explicitPort());
        return c;
    }

    private static void timeouts(FTPClient c) {
        c.setConnectTimeout((int) TIMEOUT.toMillis());
        c.setDefaultTimeout((int) TIMEOUT.toMillis());
        c.setDataTimeout(TIMEOUT);
    }

    /** Logs out and disconnects, ignoring a connection the server already closed. */
    public static void close(FTPClient c) {
        try {
            if (c.isConnected()) {
                c.logout();
            }
        } catch (IOException ignored) {
            // the server may have closed the connection first
        }
        try {
            c.disconnect();
        } catch (IOException ignored) {
            // nothing left to close
        }
    }
}
