package dev.wharf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chart with its default values: lint, schema validity, and the running-well settings of every workload. */
class ChartDefaultsTest {
    static Rendered defaults;

    @BeforeAll
    static void render() throws java.io.IOException {
        defaults = Chart.render(Map.of());
        // kept for people reviewing the chart: what a default install creates
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/rendered-defaults.yaml"), defaults.text());
    }

    @Test
    void lintsCleanInStrictMode() {
        LintResult r = Chart.lint();
        assertFalse(r.isFailed(), () -> String.join("\n", r.getMessages()));
    }

    @Test
    void everyObjectIsValidAgainstTheKubernetesApi() {
        List<String> problems = new ArrayList<>();
        defaults.objects().forEach(o -> problems.addAll(KubernetesSchema.problems(o)));
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertTrue(defaults.objects().size() > 25, defaults::names);
    }

    @Test
    void everyObjectCarriesTheStandardLabels() {
        for (JsonNode o : defaults.objects()) {
            JsonNode labels = o.path("metadata").path("labels");
            for (String key : List.of("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version",
                    "app.kubernetes.io/managed-by", "app.kubernetes.io/component", "helm.sh/chart")) {
                assertFalse(labels.path(key).asText().isEmpty(), () -> o.path("kind") + " " + o.path("metadata").path("name") + " lacks " + key);
            }
        }
    }

    @Test
    void everyWorkloadIsHardenedProbedAndBounded() {
        for (String component : Chart.components()) {
            JsonNode pod = defaults.workload(component).path("spec").path("template").path("spec");
            assertEquals("false", pod.path("automountServiceAccountToken").asText(), component);
            assertEquals(Chart.RELEASE + "-" + component, pod.path("serviceAccountName").asText(), component);
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), component);
            assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText(), component);
            JsonNode c = pod.path("containers").get(0);
            JsonNode sc = c.path("securityContext");
            assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), component);
            assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), component);
            assertEquals("ALL", sc.path("capabilities").path("drop").get(0).asText(), component);
            assertEquals("/q/health/started", c.path("startupProbe").path("httpGet").path("path").asText(), component);
            assertEquals("/q/health/live", c.path("livenessProbe").path("httpGet").path("path").asText(), component);
            assertEquals("/q/health/ready", c.path("readinessProbe").path("httpGet").path("path").asText(), component);
            assertFalse(c.path("resources").path("requests").path("memory").asText().isEmpty(), component);
            assertFalse(c.path("resources").path("limits").path("memory").asText().isEmpty(), component);
            assertTrue(c.path("image").asText().endsWith("/" + component + ":0.1.0"), c.path("image").asText());
            assertTrue(hasMount(c, "/tmp") && hasEmptyDir(pod, "tmp"), component + " needs a writable /tmp");
            JsonNode sa = defaults.get("ServiceAccount", Chart.RELEASE + "-" + component);
            assertFalse(sa.path("automountServiceAccountToken").asBoolean(true), component);
        }
    }

    @Test
    void everyComponentSpoolsItsAuditEventsOnAVolumeAndFtpReplicasOnTheirOwnClaim() {
        for (String component : Chart.components()) {
            JsonNode pod = defaults.workload(component).path("spec").path("template").path("spec");
            JsonNode c = pod.path("containers").get(0);
            assertTrue(hasMount(c, "/var/lib/wharf/audit-spool"), component);
            boolean env = false;
            for (JsonNode e : c.path("env")) {
                env |= "WHARF_AUDIT_SPOOL_DIRECTORY".equals(e.path("name").asText())
                        && "/var/lib/wharf/audit-spool".equals(e.path("value").asText());
            }
            assertTrue(env, component + " names its spool directory");
            if (!component.equals("gateway-ftp")) {
                assertTrue(hasEmptyDir(pod, "audit-spool"), component + ": the emptyDir fallback");
            }
        }
        JsonNode claims = defaults.workload("gateway-ftp").path("spec").path("volumeClaimTemplates");
        assertEquals("audit-spool", claims.get(0).path("metadata").path("name").asText());
        assertEquals("2Gi", claims.get(0).path("spec").path("resources").path("requests").path("storage").asText());
        assertFalse(hasEmptyDir(defaults.workload("gateway-ftp").path("spec").path("template").path("spec"),
                "audit-spool"), "the claim, not an emptyDir");
    }

    @Test
    void gatewaysGetAGraceThatCoversPreStopAndDrain() {
        for (String gw : List.of("gateway-ftp", "gateway-sftp")) {
            JsonNode pod = defaults.workload(gw).path("spec").path("template").path("spec");
            assertEquals(30, pod.path("terminationGracePeriodSeconds").asInt(), gw);
            JsonNode preStop = pod.path("containers").get(0).path("lifecycle").path("preStop").path("exec").path("command");
            assertEquals("sleep 10", preStop.get(2).asText(), gw);
        }
    }

    @Test
    void servicesHavePdbsAndStatelessOnesAutoscale() {
        for (String component : Chart.components()) {
            JsonNode pdb = defaults.get("PodDisruptionBudget", Chart.RELEASE + "-" + component);
            assertEquals(1, pdb.path("spec").path("minAvailable").asInt(), component);
            assertEquals(component, pdb.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/component").asText());
        }
        for (String component : List.of("identity-service", "policy-service", "storage-service", "gateway-sftp")) {
            JsonNode hpa = defaults.get("HorizontalPodAutoscaler", Chart.RELEASE + "-" + component);
            assertEquals("Deployment", hpa.path("spec").path("scaleTargetRef").path("kind").asText());
            assertFalse(defaults.workload(component).path("spec").has("replicas"), component + ": the HPA owns replicas");
        }
        // the FTP StatefulSet has a fixed replica count: each replica has its own passive Service
        assertFalse(defaults.has("HorizontalPodAutoscaler", Chart.RELEASE + "-gateway-ftp"));
        assertEquals(2, defaults.workload("gateway-ftp").path("spec").path("replicas").asInt());
    }

    @Test
    void internalServicesAreClusterIp() {
        for (String component : List.of("identity-service", "policy-service", "storage-service")) {
            JsonNode svc = defaults.get("Service", Chart.RELEASE + "-" + component);
            assertEquals("ClusterIP", svc.path("spec").path("type").asText());
            assertEquals(8080, svc.path("spec").path("ports").get(0).path("port").asInt());
        }
        JsonNode ftp = defaults.workload("gateway-ftp").path("spec").path("template").path("spec").path("containers").get(0);
        assertEquals("http://wharf-identity-service:8080", env(ftp, "WHARF_SERVICES_IDENTITY_URL"));
        assertEquals("http://wharf-storage-service:8080", env(ftp, "WHARF_SERVICES_STORAGE_URL"));
    }

    static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (name.equals(e.path("name").asText())) {
                return e.has("value") ? e.path("value").asText() : null;
            }
        }
        throw new AssertionError("no env " + name);
    }

    static boolean hasMount(JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (path.equals(m.path("mountPath").asText())) {
                return true;
            }
        }
        return false;
    }

    static boolean hasEmptyDir(JsonNode pod, String volume) {
        for (JsonNode v : pod.path("volumes")) {
            if (volume.equals(v.path("name").asText()) && v.has("emptyDir")) {
                return true;
            }
        }
        return false;
    }
}
