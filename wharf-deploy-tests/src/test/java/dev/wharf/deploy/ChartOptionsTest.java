package dev.wharf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.wharf.deploy.ChartDefaultsTest.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each documented option of values.yaml renders objects valid for the Kubernetes API, and does what it says. */
class ChartOptionsTest {

    static Stream<Arguments> options() {
        return Stream.of(
                Arguments.of("cert-manager certificate", Map.of("tls.certManager.enabled", true,
                        "tls.certManager.extraDnsNames[0]", "ftp.customer.example")),
                Arguments.of("hostPort passive mode", Map.of("gatewayFtp.passive.mode", "hostPort")),
                Arguments.of("passive addresses", Map.of("gatewayFtp.passive.addresses[0]", "203.0.113.10",
                        "gatewayFtp.passive.addresses[1]", "203.0.113.11")),
                Arguments.of("several load balancer addresses", Map.of(
                        "gateways.loadBalancers[0].name", "a", "gateways.loadBalancers[0].loadBalancerIP", "198.51.100.1",
                        "gateways.loadBalancers[1].name", "b", "gateways.loadBalancers[1].loadBalancerIP", "198.51.100.2")),
                Arguments.of("PROXY protocol", Map.of("gateways.proxyProtocol.enabled", true)),
                Arguments.of("externalTrafficPolicy Cluster", Map.of("gateways.externalTrafficPolicy", "Cluster")),
                Arguments.of("ServiceMonitor", Map.of("serviceMonitor.enabled", true)),
                Arguments.of("dashboard and alerts", Map.of("grafanaDashboard.enabled", true,
                        "prometheusRule.enabled", true)),
                Arguments.of("local storage", Map.of("storage.backend", "local")),
                Arguments.of("S3 credentials", Map.of("storage.s3.existingSecret", "s3-creds",
                        "storage.s3.endpoint", "http://minio.minio.svc:9000")),
                Arguments.of("Kafka SASL/TLS", Map.of("audit.producerConfigSecret", "kafka-client",
                        "audit.caSecret", "kafka-ca")),
                Arguments.of("audit off", Map.of("audit.enabled", false)),
                Arguments.of("SSH host keys from a Secret", Map.of("sshHostKeys.existingSecret", "ssh-keys")),
                Arguments.of("no NetworkPolicies", Map.of("networkPolicy.enabled", false)),
                Arguments.of("NetworkPolicy peers", Map.of(
                        "networkPolicy.kafkaPeers[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "kafka",
                        "networkPolicy.metricsPeers[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "monitoring")),
                Arguments.of("no autoscaling", Map.of("identity.autoscaling.enabled", false,
                        "policy.autoscaling.enabled", false, "storageService.autoscaling.enabled", false,
                        "gatewaySftp.autoscaling.enabled", false)),
                Arguments.of("no PDBs", Map.of("identity.pdb.enabled", false, "gatewayFtp.pdb.enabled", false)),
                Arguments.of("default tenant and java options", Map.of("tenancy.defaultTenant", "demo",
                        "javaOpts", "-XX:+UseZGC")),
                Arguments.of("four FTP replicas", Map.of("gatewayFtp.replicas", 4)),
                Arguments.of("private registry", Map.of("image.registry", "registry.example", "image.tag", "1.2.3",
                        "image.pullSecrets[0]", "regcred")),
                Arguments.of("platform credentials from a Secret", Map.of("platformCredentials.existingSecret", "platform",
                        "platformCredentials.grantSigningKeyKeys[0]", "new.pem", "platformCredentials.grantSigningKeyKeys[1]", "old.pem")),
                Arguments.of("TLS between services (cert-manager)", Map.of("internalTls.enabled", true,
                        "internalTls.certManager.enabled", true, "serviceMonitor.enabled", true)),
                Arguments.of("TLS between services (given Secret)", Map.of("internalTls.enabled", true,
                        "internalTls.existingSecret", "wharf-internal-tls")),
                Arguments.of("no ServiceAccounts", Map.of("serviceAccount.create", false)),
                Arguments.of("GeoIP database", Map.of("policy.geoip.database", "GeoLite2-Country.mmdb",
                        "policy.geoip.volume.persistentVolumeClaim.claimName", "geoip")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void rendersValidObjects(String option, Map<String, Object> values) {
        Rendered r = Chart.render(values);
        List<String> problems = new ArrayList<>();
        r.objects().forEach(o -> problems.addAll(KubernetesSchema.problems(o)));
        assertTrue(problems.isEmpty(), () -> option + ":\n" + String.join("\n", problems));
    }

    @Test
    void certManagerCertificateCoversTheWildcardAndCustomDomainsInPkcs8() {
        Rendered r = Chart.render(Map.of("tls.certManager.enabled", true, "tls.certManager.extraDnsNames[0]", "ftp.customer.example"));
        JsonNode cert = r.get("Certificate", "wharf-tls");
        assertEquals("cert-manager.io/v1", cert.path("apiVersion").asText());
        assertEquals(List.of("files.example.com", "*.files.example.com", "ftp.customer.example"),
                strings(cert.path("spec").path("dnsNames")));
        assertEquals("PKCS8", cert.path("spec").path("privateKey").path("encoding").asText());
        assertEquals("wharf-tls", volume(r.podSpec("StatefulSet", "wharf-gateway-ftp"), "tls").path("secret").path("secretName").asText());
    }

    @Test
    void aTracingEndpointReachesEveryServiceAndNoneIsSetByDefault() {
        List<String> components = List.of("identity-service", "policy-service", "storage-service", "gateway-ftp",
                "gateway-sftp");
        Rendered r = Chart.render(Map.of("tracing.endpoint", "http://otel-collector.monitoring:4318"));
        Rendered defaults = Chart.render(Map.of());
        for (String component : components) {
            JsonNode c = r.workload(component).path("spec").path("template").path("spec").path("containers").get(0);
            assertEquals("http://otel-collector.monitoring:4318", env(c, "WHARF_TRACING_ENDPOINT"), component);
            JsonNode d = defaults.workload(component).path("spec").path("template").path("spec").path("containers")
                    .get(0);
            assertFalse(d.path("env").toString().contains("WHARF_TRACING_ENDPOINT"), component + ": tracing is off");
        }
        // every component may reach the collector (and only then): OTLP/HTTP 4318
        for (String component : List.of("identity-service", "policy-service", "storage-service", "gateway-ftp",
                "gateway-sftp", "gateway-web")) {
            String egress = r.get("NetworkPolicy", "wharf-" + component).path("spec").path("egress").toString();
            assertTrue(egress.contains("4318"), component + " egress to the collector: " + egress);
            assertFalse(defaults.get("NetworkPolicy", "wharf-" + component).path("spec").path("egress").toString()
                    .contains("4318"), component + ": no collector egress without tracing");
        }
    }

    @Test
    void severalLoadBalancerAddressesGiveOnePublicServicePerAddressAndGateway() {
        Rendered r = Chart.render(Map.of(
                "gateways.loadBalancers[0].name", "a", "gateways.loadBalancers[0].loadBalancerIP", "198.51.100.1",
                "gateways.loadBalancers[1].name", "b", "gateways.loadBalancers[1].loadBalancerIP", "198.51.100.2"));
        for (String gw : List.of("gateway-ftp", "gateway-sftp")) {
            assertEquals("198.51.100.1", r.get("Service", "wharf-" + gw + "-public-a").path("spec").path("loadBalancerIP").asText());
            assertEquals("198.51.100.2", r.get("Service", "wharf-" + gw + "-public-b").path("spec").path("loadBalancerIP").asText());
        }
    }

    @Test
    void proxyProtocolAndTrafficPolicyReachThePublicServices() {
        Rendered r = Chart.render(Map.of("gateways.proxyProtocol.enabled", true, "gateways.externalTrafficPolicy", "Cluster"));
        for (JsonNode svc : r.ofKind("Service")) {
            if (svc.path("spec").path("type").asText().equals("LoadBalancer")) {
                assertEquals("*", svc.path("metadata").path("annotations")
                        .path("service.beta.kubernetes.io/aws-load-balancer-proxy-protocol").asText(), svc.toString());
                assertEquals("Cluster", svc.path("spec").path("externalTrafficPolicy").asText());
            }
        }
        JsonNode ftp = r.podSpec("StatefulSet", "wharf-gateway-ftp").path("containers").get(0);
        JsonNode sftp = r.podSpec("Deployment", "wharf-gateway-sftp").path("containers").get(0);
        assertEquals("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16", env(ftp, "WHARF_FTP_PROXY_PROTOCOL_TRUSTED_CIDRS"));
        assertEquals("true", env(ftp, "WHARF_FTP_PROXY_PROTOCOL_REQUIRED"));
        assertEquals("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16", env(sftp, "WHARF_SFTP_PROXY_PROTOCOL_TRUSTED_CIDRS"));
        assertEquals("true", env(sftp, "WHARF_SFTP_PROXY_PROTOCOL_REQUIRED"));
        assertEquals("PT15S", env(ftp, "WHARF_FTP_SHUTDOWN_DEADLINE"), "drainSeconds 20 minus 5 s to close sessions");
        assertEquals("PT15S", env(sftp, "WHARF_SFTP_SHUTDOWN_DEADLINE"));

        Rendered d = Chart.render(Map.of());
        assertFalse(d.get("Service", "wharf-gateway-ftp-public").path("metadata").path("annotations")
                .has("service.beta.kubernetes.io/aws-load-balancer-proxy-protocol"), "PROXY protocol must be opt-in");
        JsonNode plainFtp = d.podSpec("StatefulSet", "wharf-gateway-ftp").path("containers").get(0);
        assertFalse(plainFtp.path("env").toString().contains("PROXY_PROTOCOL"), "no PROXY header trusted by default");
    }

    @Test
    void identityTellsUsersThePublicPortsAndSharesItsStateKey() {
        Rendered r = Chart.render(Map.of("identity.sharedStateSecret", "wharf-identity-state",
                "identity.portalUrl", "https://login.files.example.com", "policy.defenderExemptCidrs[0]", "192.0.2.0/24"));
        JsonNode identity = r.podSpec("Deployment", "wharf-identity-service").path("containers").get(0);
        assertEquals("files.example.com", env(identity, "WHARF_IDENTITY_SHARING_BASE_DOMAIN"));
        assertEquals("21", env(identity, "WHARF_IDENTITY_SHARING_FTPS_PORT"));
        assertEquals("990", env(identity, "WHARF_IDENTITY_SHARING_FTPS_IMPLICIT_PORT"));
        assertEquals("22", env(identity, "WHARF_IDENTITY_SHARING_SFTP_PORT"));
        assertEquals("2022", env(identity, "WHARF_IDENTITY_SHARING_SFTP_ALTERNATE_PORT"));
        assertEquals("https://login.files.example.com", env(identity, "WHARF_IDENTITY_PORTAL_URL"));
        assertTrue(identity.path("env").toString().contains("wharf-identity-state"), identity.path("env").toString());
        assertEquals("wharf-kafka-kafka-bootstrap.kafka.svc:9092", env(identity, "WHARF_STATE_BOOTSTRAP_SERVERS"));
        JsonNode policy = r.podSpec("Deployment", "wharf-policy-service").path("containers").get(0);
        assertEquals("192.0.2.0/24", env(policy, "WHARF_POLICY_DEFENDER_EXEMPT_CIDRS"));
    }

    @Test
    void serviceMonitorsScrapeMetricsOfEveryComponent() {
        Rendered r = Chart.render(Map.of("serviceMonitor.enabled", true, "serviceMonitor.labels.release", "prom"));
        assertEquals(Chart.components().size(), r.ofKind("ServiceMonitor").size());
        JsonNode sm = r.get("ServiceMonitor", "wharf-gateway-ftp");
        assertEquals("/q/metrics", sm.path("spec").path("endpoints").get(0).path("path").asText());
        assertEquals("prom", sm.path("metadata").path("labels").path("release").asText());
        assertFalse(Chart.render(Map.of()).objects().stream().anyMatch(o -> o.path("kind").asText().equals("ServiceMonitor")));
    }

    @Test
    void localStorageIsOneReplicaOnAKeptClaim() {
        Rendered r = Chart.render(Map.of("storage.backend", "local"));
        JsonNode dep = r.get("Deployment", "wharf-storage-service");
        assertEquals(1, dep.path("spec").path("replicas").asInt());
        assertEquals("Recreate", dep.path("spec").path("strategy").path("type").asText());
        assertEquals("keep", r.get("PersistentVolumeClaim", "wharf-storage-service").path("metadata").path("annotations")
                .path("helm.sh/resource-policy").asText());
        assertFalse(r.has("HorizontalPodAutoscaler", "wharf-storage-service"));
        assertFalse(r.has("PodDisruptionBudget", "wharf-storage-service"), "a PDB on one replica would block node drains");
    }

    @Test
    void kafkaClientSettingsAndCaComeFromSecrets() {
        Rendered r = Chart.render(Map.of("audit.producerConfigSecret", "kafka-client", "audit.caSecret", "kafka-ca"));
        for (String component : Chart.components()) {
            JsonNode pod = r.workload(component).path("spec").path("template").path("spec");
            assertEquals("kafka-client", volume(pod, "audit-config").path("secret").path("secretName").asText(), component);
            assertEquals("kafka-ca", volume(pod, "kafka-ca").path("secret").path("secretName").asText(), component);
            assertTrue(ChartDefaultsTest.hasMount(pod.path("containers").get(0), "/deployments/config/application.properties"));
        }
    }

    @Test
    void autoscalingOffSetsReplicas() {
        Rendered r = Chart.render(Map.of("gatewaySftp.autoscaling.enabled", false, "gatewaySftp.replicas", 3));
        assertEquals(3, r.get("Deployment", "wharf-gateway-sftp").path("spec").path("replicas").asInt());
        assertFalse(r.has("HorizontalPodAutoscaler", "wharf-gateway-sftp"));
    }

    @Test
    void javaOptionsAndDefaultTenantReachTheContainers() {
        Rendered r = Chart.render(Map.of("tenancy.defaultTenant", "demo", "javaOpts", "-XX:+UseZGC"));
        JsonNode sftp = r.podSpec("Deployment", "wharf-gateway-sftp").path("containers").get(0);
        assertEquals("demo", env(sftp, "WHARF_TENANCY_DEFAULT_TENANT"));
        assertTrue(env(sftp, "JAVA_OPTS_APPEND").endsWith("-XX:+UseZGC"));
        assertTrue(env(sftp, "JAVA_OPTS_APPEND").contains("MaxRAMPercentage"), "the image's options are kept");
    }

    @Test
    void geoipDatabaseIsMountedFromTheGivenVolume() {
        Rendered r = Chart.render(Map.of("policy.geoip.database", "GeoLite2-Country.mmdb",
                "policy.geoip.volume.persistentVolumeClaim.claimName", "geoip"));
        JsonNode pod = r.podSpec("Deployment", "wharf-policy-service");
        assertEquals("geoip", volume(pod, "geoip").path("persistentVolumeClaim").path("claimName").asText());
        assertEquals("/var/lib/wharf/geoip/GeoLite2-Country.mmdb", env(pod.path("containers").get(0), "WHARF_POLICY_GEOIP_DATABASE"));
    }

    @Test
    void policyServiceGetsTheKeycloakAccountItNeeds() {
        JsonNode c = Chart.render(Map.of()).podSpec("Deployment", "wharf-policy-service").path("containers").get(0);
        assertEquals("http://keycloak-service.keycloak.svc:8080", env(c, "WHARF_KEYCLOAK_URL"));
        assertNull(env(c, "WHARF_KEYCLOAK_ADMIN_PASSWORD"), "from the Secret only");
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name + " in " + pod.path("volumes"));
    }

}
