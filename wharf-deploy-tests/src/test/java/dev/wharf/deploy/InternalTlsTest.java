package dev.wharf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.wharf.deploy.ChartDefaultsTest.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS between services (internalTls): the three services serve HTTPS only, from cert-manager or a given Secret, and
 * every caller uses https and trusts the CA, consistently across URLs, probes, volumes and monitors.
 */
class InternalTlsTest {
    static final List<String> SERVICES = List.of("identity-service", "policy-service", "storage-service");
    static final List<String> CALLERS = List.of("gateway-ftp", "gateway-sftp", "gateway-web", "storage-service");
    static final Map<String, Object> CERT_MANAGER = Map.of("internalTls.enabled", true,
            "internalTls.certManager.enabled", true, "serviceMonitor.enabled", true);

    @Test
    void offByDefault() {
        Rendered r = Chart.render(Map.of());
        assertFalse(r.text().contains("https://wharf-"), "no https URL without internalTls");
        assertFalse(r.text().contains("QUARKUS_HTTP_SSL"));
        assertFalse(r.text().contains("javax.net.ssl.trustStore"));
        assertTrue(r.ofKind("Certificate").isEmpty());
    }

    @Test
    void rendersValidObjectsBothWays() {
        for (Map<String, Object> values : List.of(CERT_MANAGER,
                Map.<String, Object>of("internalTls.enabled", true, "internalTls.existingSecret", "wharf-internal-tls"))) {
            Rendered r = Chart.render(values);
            List<String> problems = new ArrayList<>();
            r.objects().forEach(o -> problems.addAll(KubernetesSchema.problems(o)));
            assertTrue(problems.isEmpty(), () -> values + ":\n" + String.join("\n", problems));
        }
    }

    @Test
    void certManagerIssuesOneCertificatePerServiceForItsServiceNames() {
        Rendered r = Chart.render(CERT_MANAGER);
        assertEquals(3, r.ofKind("Certificate").size(), r.names());
        for (String s : SERVICES) {
            JsonNode spec = r.get("Certificate", "wharf-" + s + "-tls").path("spec");
            assertEquals("wharf-" + s + "-tls", spec.path("secretName").asText());
            assertEquals(List.of("wharf-" + s, "wharf-" + s + ".mft", "wharf-" + s + ".mft.svc",
                    "wharf-" + s + ".mft.svc.cluster.local"), ChartOptionsTest.strings(spec.path("dnsNames")));
            assertEquals("PKCS8", spec.path("privateKey").path("encoding").asText(), "Quarkus reads PKCS#8");
            assertEquals("wharf-internal-ca", spec.path("issuerRef").path("name").asText());
            assertEquals("Issuer", spec.path("issuerRef").path("kind").asText());
            assertTrue(ChartOptionsTest.strings(spec.path("usages")).contains("server auth"));
            // each service mounts its own certificate and key, nothing else of the Secret
            JsonNode tls = ChartOptionsTest.volume(r.workload(s).path("spec").path("template").path("spec"), "internal-tls").path("secret");
            assertEquals("wharf-" + s + "-tls", tls.path("secretName").asText(), s);
            assertEquals("[{\"key\":\"tls.crt\",\"path\":\"tls.crt\"},{\"key\":\"tls.key\",\"path\":\"tls.key\"}]",
                    tls.path("items").toString(), s);
        }
        // the FTPS certificate is a different thing and stays off
        assertFalse(r.has("Certificate", "wharf-tls"));
    }

    @Test
    void servicesServeHttpsOnlyOnTheSamePortAndAreProbedOverHttps() {
        Rendered r = Chart.render(CERT_MANAGER);
        for (String s : SERVICES) {
            JsonNode c = r.workload(s).path("spec").path("template").path("spec").path("containers").get(0);
            assertEquals("8080", env(c, "QUARKUS_HTTP_SSL_PORT"), s);
            assertEquals("disabled", env(c, "QUARKUS_HTTP_INSECURE_REQUESTS"), s);
            assertEquals("/etc/wharf/internal-tls/tls.crt", env(c, "QUARKUS_HTTP_SSL_CERTIFICATE_FILES"), s);
            assertEquals("/etc/wharf/internal-tls/tls.key", env(c, "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES"), s);
            assertThrows(AssertionError.class, () -> env(c, "QUARKUS_HTTP_PORT"), s + ": no plain HTTP port is set");
            assertTrue(ChartDefaultsTest.hasMount(c, "/etc/wharf/internal-tls"), s);
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertEquals("HTTPS", c.path(probe).path("httpGet").path("scheme").asText(), s + " " + probe);
            }
            JsonNode sm = r.get("ServiceMonitor", "wharf-" + s).path("spec").path("endpoints").get(0);
            assertEquals("https", sm.path("scheme").asText(), s);
            assertEquals("wharf-" + s, sm.path("tlsConfig").path("serverName").asText(), s);
            assertEquals("wharf-" + s + "-tls", sm.path("tlsConfig").path("ca").path("secret").path("name").asText(), s);
            assertEquals("ca.crt", sm.path("tlsConfig").path("ca").path("secret").path("key").asText(), s);
        }
        // the gateways' own HTTP (health, metrics) stays plain: nobody but the kubelet and Prometheus calls it
        for (String gw : List.of("gateway-ftp", "gateway-sftp", "gateway-web")) {
            JsonNode c = r.workload(gw).path("spec").path("template").path("spec").path("containers").get(0);
            assertEquals("8080", env(c, "QUARKUS_HTTP_PORT"), gw);
            assertFalse(c.path("readinessProbe").path("httpGet").has("scheme"), gw);
            assertFalse(r.get("ServiceMonitor", "wharf-" + gw).path("spec").path("endpoints").get(0).has("tlsConfig"));
        }
    }

    @Test
    void callersUseHttpsAndTrustTheInternalCaBesideTheJdkOnes() {
        Rendered r = Chart.render(CERT_MANAGER);
        for (String gw : List.of("gateway-ftp", "gateway-sftp", "gateway-web")) {
            JsonNode c = r.workload(gw).path("spec").path("template").path("spec").path("containers").get(0);
            assertEquals("https://wharf-identity-service:8080", env(c, "WHARF_SERVICES_IDENTITY_URL"), gw);
            assertEquals("https://wharf-policy-service:8080", env(c, "WHARF_SERVICES_POLICY_URL"), gw);
            assertEquals("https://wharf-storage-service:8080", env(c, "WHARF_SERVICES_STORAGE_URL"), gw);
        }
        assertEquals("https://wharf-identity-service:8080/v1/grants/keys", env(
                r.podSpec("Deployment", "wharf-storage-service").path("containers").get(0), "WHARF_STORAGE_GRANTS_KEYS_URL"));
        for (String component : Chart.components()) {
            JsonNode pod = r.workload(component).path("spec").path("template").path("spec");
            JsonNode c = pod.path("containers").get(0);
            JsonNode init = null;
            for (JsonNode i : pod.path("initContainers")) {
                if (i.path("name").asText().equals("truststore")) {
                    init = i;
                }
            }
            boolean caller = CALLERS.contains(component);
            assertEquals(caller, init != null, component + " truststore init container");
            if (!caller) {
                assertFalse(c.path("env").toString().contains("javax.net.ssl.trustStore"), component);
                continue;
            }
            assertEquals("-Djavax.net.ssl.trustStore=/etc/wharf/truststore/cacerts.p12 -Djavax.net.ssl.trustStoreType=PKCS12"
                    + " -Djavax.net.ssl.trustStorePassword=changeit", env(c, "JAVA_TOOL_OPTIONS"), component);
            assertTrue(ChartDefaultsTest.hasMount(c, "/etc/wharf/truststore"), component);
            String script = init.path("command").get(2).asText();
            assertTrue(script.contains("lib/security/cacerts") && script.contains("keytool -importcert"), script);
            assertTrue(init.path("securityContext").path("readOnlyRootFilesystem").asBoolean(), component);
            assertTrue(init.path("image").asText().endsWith("/" + component + ":0.1.0"), "keytool of the same JDK");
            JsonNode ca = ChartOptionsTest.volume(pod, "internal-ca").path("secret");
            assertEquals("wharf-identity-service-tls", ca.path("secretName").asText(), component);
            assertEquals("[{\"key\":\"ca.crt\",\"path\":\"ca.crt\"}]", ca.path("items").toString(),
                    component + " gets the CA only, never a service's key");
            assertEquals("Memory", ChartOptionsTest.volume(pod, "truststore").path("emptyDir").path("medium").asText());
        }
        // gateway-sftp keeps its host-key init container beside the truststore one
        assertEquals(2, r.podSpec("Deployment", "wharf-gateway-sftp").path("initContainers").size());
    }

    @Test
    void aGivenSecretServesEveryServiceAndGivesTheCa() {
        Rendered r = Chart.render(Map.of("internalTls.enabled", true, "internalTls.existingSecret", "wharf-internal-tls",
                "internalTls.caKey", "ca.pem"));
        assertTrue(r.ofKind("Certificate").isEmpty(), r.names());
        for (String s : SERVICES) {
            assertEquals("wharf-internal-tls", ChartOptionsTest.volume(r.workload(s).path("spec").path("template").path("spec"),
                    "internal-tls").path("secret").path("secretName").asText(), s);
        }
        JsonNode ca = ChartOptionsTest.volume(r.podSpec("StatefulSet", "wharf-gateway-ftp"), "internal-ca").path("secret");
        assertEquals("wharf-internal-tls", ca.path("secretName").asText());
        assertEquals("[{\"key\":\"ca.pem\",\"path\":\"ca.crt\"}]", ca.path("items").toString());
    }

    @Test
    void enabledWithoutACertificateSourceIsAClearError() {
        Exception e = assertThrows(Exception.class, () -> Chart.render(Map.of("internalTls.enabled", true)));
        assertTrue(e.getMessage().contains("internalTls.existingSecret"), e.getMessage());
    }
}
