package dev.wharf.web.http;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PROXY protocol on the HTTPS port from a trusted balancer (loopback): the header's source is the client address the
 * portal uses (audit, policy), for v2 and v1; the plain port (health) takes no header.
 */
@QuarkusTest
@TestProfile(ProxyProtocolHttpsTest.Trusted.class)
class ProxyProtocolHttpsTest {
    /** PROXY protocol on, loopback the trusted balancer. */
    public static class Trusted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return RawHttps.config("127.0.0.1/32");
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL https;
    @TestHTTPResource("/")
    URL http;

    @Test
    void theV2HeadersSourceIsTheClient() throws Exception {
        String answer = RawHttps.get(https.getPort(), RawHttps.v2("203.0.113.7", 40001), "/test/client-address");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.endsWith("\r\n\r\n203.0.113.7"), answer);
    }

    @Test
    void theV1HeadersSourceIsTheClientToo() throws Exception {
        String answer = RawHttps.get(https.getPort(),
                RawHttps.ascii("PROXY TCP4 198.51.100.9 127.0.0.1 40002 443\r\n"), "/test/client-address");
        assertTrue(answer.endsWith("\r\n\r\n198.51.100.9"), answer);
    }

    @Test
    void thePlainPortTakesNoHeaderSoProbesStillWork() throws Exception {
        String answer = RawHttps.plainGet(http.getPort(), "/q/health/live");
        assertTrue(answer.startsWith("HTTP/1.1 "), answer);
        assertEquals(-1, answer.indexOf("bad_request"), answer);
    }
}
