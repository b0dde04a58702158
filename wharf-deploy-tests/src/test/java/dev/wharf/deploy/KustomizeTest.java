package dev.wharf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.wharf.deploy.ChartDefaultsTest.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain manifests in k8s/: valid, equal to the chart's defaults, and the example overlay builds. */
class KustomizeTest {
    static final Path K8S = Chart.root().getParent().getParent().resolve("k8s");

    @Test
    void everyBaseManifestIsValid() throws Exception {
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (Path f : manifests(K8S.resolve("base"))) {
            for (JsonNode o : Rendered.parse(Files.readString(f)).objects()) {
                if (!o.path("kind").asText().equals("Kustomization")) {
                    assertTrue(!o.path("kind").asText().equals("Secret"), f + ": secrets are created by the operator, never committed");
                    problems.addAll(KubernetesSchema.problems(o).stream().map(p -> f.getFileName() + ": " + p).toList());
                    count++;
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(count > 25, "objects in the base: " + count);
    }

    @Test
    void baseEqualsTheChartDefaults() throws Exception {
        Map<String, JsonNode> base = new TreeMap<>();
        for (Path f : manifests(K8S.resolve("base"))) {
            for (JsonNode o : Rendered.parse(Files.readString(f)).objects()) {
                if (!o.path("kind").asText().equals("Kustomization")) {
                    base.put(id(o), normalized(o));
                }
            }
        }
        Map<String, JsonNode> chart = new TreeMap<>();
        for (JsonNode o : Chart.render(Map.of()).objects()) {
            if (!o.path("kind").asText().equals("Secret")) { // generated host keys: created by hand without Helm
                chart.put(id(o), normalized(o));
            }
        }
        assertEquals(chart.keySet(), base.keySet(), "regenerate with k8s/tools/from-chart.py");
        List<String> differ = chart.keySet().stream().filter(id -> !chart.get(id).equals(base.get(id))).toList();
        assertEquals(List.of(), differ, "k8s/base differs from the chart; regenerate with k8s/tools/from-chart.py");
    }

    @Test
    void exampleOverlayPatchesAreValidFragments() throws Exception {
        for (Path f : manifests(K8S.resolve("overlays/example"))) {
            for (JsonNode o : Rendered.parse(Files.readString(f)).objects()) {
                if (!o.path("kind").asText().equals("Kustomization")) {
                    // a strategic-merge patch is a partial object, but every field it names must exist
                    assertEquals(List.of(), KubernetesSchema.problems(o), f.toString());
                }
            }
        }
    }

    /** Builds the overlay with the kustomize in kubectl when the machine has one (kustomize itself is not on Maven Central). */
    @Test
    void exampleOverlayBuildsWithKubectlKustomize() throws Exception {
        Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(kubectl != null, "no kubectl on PATH: overlay build not checked");
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", K8S.resolve("overlays/example").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
        assertEquals(0, p.exitValue(), out);
        Rendered r = Rendered.parse(out);
        List<String> problems = new ArrayList<>();
        r.objects().forEach(o -> problems.addAll(KubernetesSchema.problems(o)));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        r.objects().forEach(o -> assertEquals("mft", o.path("metadata").path("namespace").asText(), id(o)));
        JsonNode ftp = r.podSpec("StatefulSet", "wharf-gateway-ftp").path("containers").get(0);
        assertEquals("203.0.113.10,203.0.113.11", env(ftp, "WHARF_PASSIVE_ADDRESSES"));
        assertEquals("files.acme-corp.example", env(ftp, "WHARF_TENANCY_BASE_DOMAIN"));
        assertEquals("203.0.113.11", r.get("Service", "wharf-gateway-ftp-1").path("spec").path("loadBalancerIP").asText());
        JsonNode storage = r.podSpec("Deployment", "wharf-storage-service").path("containers").get(0);
        assertEquals("wharf-s3", storage.path("env").findParent("secretKeyRef").path("secretKeyRef").path("name").asText());
    }

    static List<Path> manifests(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertTrue(!out.isEmpty(), "no manifests in " + dir);
            return out;
        }
    }

    static String id(JsonNode o) {
        return o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
    }

    static JsonNode normalized(JsonNode o) {
        ObjectNode copy = o.deepCopy();
        strip(copy.path("metadata").path("labels"));
        strip(copy.path("spec").path("template").path("metadata").path("labels"));
        return copy;
    }

    private static void strip(JsonNode labels) {
        if (labels instanceof ObjectNode l) {
            l.remove("helm.sh/chart");
            l.remove("app.kubernetes.io/managed-by");
        }
    }
}
