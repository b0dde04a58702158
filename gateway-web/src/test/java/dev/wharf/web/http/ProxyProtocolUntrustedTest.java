package dev.wharf.web.http;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A PROXY header from a peer outside the trusted ranges is refused as the FTP and SFTP gateways refuse it. */
@QuarkusTest
@TestProfile(ProxyProtocolUntrustedTest.OtherBalancer.class)
class ProxyProtocolUntrustedTest {
    /** PROXY protocol on, but only 10.0.0.0/8 trusted: loopback is a stranger. */
    public static class OtherBalancer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return RawHttps.config("10.0.0.0/8");
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Test
    void anUntrustedPeersHeaderIsRefusedWithBadRequest() throws Exception {
        String answer = RawHttps.get(https.getPort(), RawHttps.v2("203.0.113.7", 40003), "/test/client-address");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("PROXY protocol header from an address that is not a trusted proxy. (reason: bad_request)"), answer);
        assertFalse(answer.contains("203.0.113.7"), answer);
    }
}
