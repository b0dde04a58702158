package dev.wharf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** values.schema.json catches mistakes before they reach a cluster; NetworkPolicies isolate what they claim to. */
class ValuesSchemaAndPoliciesTest {

    @Test
    void schemaRejectsATypoedKey() {
        Exception e = assertThrows(Exception.class, () -> Chart.render(Map.of("gatewayFtp.pasive.mode", "hostPort")));
        assertTrue(e.getMessage().contains("pasive"), e.getMessage());
    }

    @Test
    void schemaRejectsAnUnknownPassiveModeAndBackend() {
        assertThrows(Exception.class, () -> Chart.render(Map.of("gatewayFtp.passive.mode", "nodePort")));
        assertThrows(Exception.class, () -> Chart.render(Map.of("storage.backend", "gcs")));
        assertThrows(Exception.class, () -> Chart.render(Map.of("gatewayFtp.passive.portRangeStart", 80)));
    }

    @Test
    void aMissingCertificateIsAClearError() {
        Exception e = assertThrows(Exception.class, () -> Chart.render(Map.of("tls.existingSecret", "")));
        assertTrue(e.getMessage().contains("tls.existingSecret"), e.getMessage());
        Exception k = assertThrows(Exception.class, () -> Chart.render(Map.of("sshHostKeys.generate", false)));
        assertTrue(k.getMessage().contains("sshHostKeys.existingSecret"), k.getMessage());
    }

    @Test
    void servicesAcceptOnlyTheGatewaysAndReachOnlyTheirDependencies() {
        Rendered r = Chart.render(Map.of());
        for (String component : List.of("identity-service", "policy-service", "storage-service")) {
            JsonNode spec = r.get("NetworkPolicy", "wharf-" + component).path("spec");
            assertEquals(List.of("Ingress", "Egress"), ChartOptionsTest.strings(spec.path("policyTypes")));
            List<String> from = new ArrayList<>();
            spec.path("ingress").get(0).path("from").forEach(f ->
                    from.add(f.path("podSelector").path("matchLabels").path("app.kubernetes.io/component").asText()));
            // storage-service fetches the grant keys from identity-service; identity-service removes a deleted
            // tenant's files through storage-service (issues 11 and 17)
            assertEquals(switch (component) {
                case "identity-service" -> List.of("gateway-ftp", "gateway-sftp", "gateway-web", "storage-service");
                case "storage-service" -> List.of("gateway-ftp", "gateway-sftp", "gateway-web", "identity-service");
                default -> List.of("gateway-ftp", "gateway-sftp", "gateway-web");
            }, from, component);
            List<Integer> egressPorts = new ArrayList<>();
            spec.path("egress").forEach(rule -> rule.path("ports").forEach(p -> egressPorts.add(p.path("port").asInt())));
            assertTrue(egressPorts.containsAll(List.of(53, 9092)), component + " " + egressPorts);
            assertEquals(!component.equals("storage-service"), egressPorts.contains(8443), component + " Keycloak " + egressPorts);
            assertEquals(component.equals("storage-service"), egressPorts.contains(9000), component + " object store " + egressPorts);
            List<String> to = new ArrayList<>();
            spec.path("egress").forEach(rule -> rule.path("to").forEach(t ->
                    to.add(t.path("podSelector").path("matchLabels").path("app.kubernetes.io/component").asText())));
            assertEquals(component.equals("identity-service"), to.contains("storage-service"), component + " " + to);
        }
    }

    @Test
    void adminPeersReachTheAdminApisOfIdentityAndPolicyOnly() {
        Rendered r = Chart.render(Map.of(
                "networkPolicy.adminPeers[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "ops"));
        for (String component : List.of("identity-service", "policy-service", "storage-service")) {
            String from = r.get("NetworkPolicy", "wharf-" + component).path("spec").path("ingress").get(0)
                    .path("from").toString();
            assertEquals(!component.equals("storage-service"), from.contains("\"ops\""), component + " " + from);
        }
    }

    @Test
    void gatewaysReachOnlyTheServicesDnsKeycloakAndKafka() {
        Rendered r = Chart.render(Map.of("audit.enabled", false));
        for (String gw : List.of("gateway-ftp", "gateway-sftp", "gateway-web")) {
            JsonNode egress = r.get("NetworkPolicy", "wharf-" + gw).path("spec").path("egress");
            assertEquals(3, egress.size(), "DNS, the services and Keycloak (service token), nothing else without audit: " + egress);
            List<String> to = new ArrayList<>();
            egress.get(1).path("to").forEach(t -> to.add(t.path("podSelector").path("matchLabels").path("app.kubernetes.io/component").asText()));
            assertEquals(List.of("identity-service", "policy-service", "storage-service"), to);
        }
        assertFalse(Chart.render(Map.of("networkPolicy.enabled", false)).objects().stream()
                .anyMatch(o -> o.path("kind").asText().equals("NetworkPolicy")));
    }

    @Test
    void kafkaPeersNarrowTheAuditEgress() {
        Rendered r = Chart.render(Map.of(
                "networkPolicy.kafkaPeers[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "kafka"));
        JsonNode egress = r.get("NetworkPolicy", "wharf-gateway-sftp").path("spec").path("egress");
        JsonNode kafka = egress.get(egress.size() - 1);
        assertEquals("kafka", kafka.path("to").get(0).path("namespaceSelector").path("matchLabels")
                .path("kubernetes.io/metadata.name").asText());
    }
}
