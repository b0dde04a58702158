package dev.wharf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional Grafana dashboard and PrometheusRule: rendered, well-formed, and naming only metrics Wharf exports. */
class MonitoringTest {
    private static final Pattern WHARF_METRIC = Pattern.compile("\\bwharf_[a-z0-9_]+");
    /** Suffixes the Prometheus registry appends to Micrometer names (units, counter and histogram series). */
    private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_max", "_total", "_seconds",
            "_bytes");

    static Rendered rendered;
    static JsonNode dashboard;
    static List<JsonNode> alerts;

    @BeforeAll
    static void render() throws IOException {
        rendered = Chart.render(Map.of("grafanaDashboard.enabled", true, "prometheusRule.enabled", true));
        JsonNode map = rendered.get("ConfigMap", Chart.RELEASE + "-dashboard");
        dashboard = new ObjectMapper().readTree(map.path("data").path("wharf-overview.json").asText());
        alerts = new ArrayList<>();
        rendered.get("PrometheusRule", Chart.RELEASE + "-alerts").path("spec").path("groups")
                .forEach(g -> g.path("rules").forEach(alerts::add));
    }

    @Test
    void neitherIsRenderedByDefault() {
        Rendered defaults = Chart.render(Map.of());
        assertTrue(defaults.ofKind("PrometheusRule").isEmpty());
        assertFalse(defaults.has("ConfigMap", Chart.RELEASE + "-dashboard"));
    }

    @Test
    void theDashboardIsForTheSidecarAndEveryPanelQueriesSomething() {
        JsonNode map = rendered.get("ConfigMap", Chart.RELEASE + "-dashboard");
        assertEquals("1", map.path("metadata").path("labels").path("grafana_dashboard").asText());
        assertEquals("wharf-overview", dashboard.path("uid").asText());
        assertTrue(dashboard.path("panels").size() >= 10, "sessions, logins, refusals, transfers, audit, bans, ...");
        dashboard.path("panels").forEach(p -> {
            assertTrue(p.path("targets").size() > 0, p.path("title").asText());
            p.path("targets").forEach(t -> assertFalse(t.path("expr").asText().isBlank(), p.path("title").asText()));
        });
    }

    @Test
    void everyAlertHasAnExpressionASeverityAndAWordForTheOperator() {
        Set<String> names = new TreeSet<>();
        for (JsonNode a : alerts) {
            String name = a.path("alert").asText();
            names.add(name);
            assertFalse(a.path("expr").asText().isBlank(), name);
            assertTrue(Set.of("warning", "critical").contains(a.path("labels").path("severity").asText()), name);
            assertFalse(a.path("annotations").path("summary").asText().isBlank(), name);
            assertTrue(a.path("expr").asText().contains("namespace=\"" + Chart.NAMESPACE + "\""),
                    name + " looks at this release's namespace only");
        }
        assertEquals(Set.of("WharfAuditRefusing", "WharfAuditEventsRefused", "WharfAuditBacklogGrowing",
                "WharfReadinessFlapping", "WharfBanSpike", "WharfPassiveSliceNearlyExhausted",
                "WharfCertificateExpiring"), names);
    }

    /** A renamed meter would leave a panel or an alert silently empty: each name must be one the code registers. */
    @Test
    void everyWharfMetricQueriedIsOneTheCodeRegisters() throws IOException {
        Set<String> queried = new TreeSet<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> queried.addAll(metrics(t.path("expr").asText()))));
        alerts.forEach(a -> queried.addAll(metrics(a.path("expr").asText())));
        assertTrue(queried.size() >= 15, queried::toString);

        String sources = mainSources();
        List<String> unknown = queried.stream().filter(m -> !registered(m, sources)).toList();
        assertTrue(unknown.isEmpty(), () -> "no meter registers " + unknown);
    }

    private static Set<String> metrics(String expr) {
        Set<String> out = new TreeSet<>();
        Matcher m = WHARF_METRIC.matcher(expr);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Whether the Micrometer name behind {@code prometheusName} (dots, suffixes off) is a literal in the code. */
    private static boolean registered(String prometheusName, String sources) {
        String name = prometheusName;
        for (int i = 0; i < 3; i++) {
            if (sources.contains('"' + name.replace('_', '.') + '"')) {
                return true;
            }
            String n = name;
            name = SUFFIXES.stream().filter(n::endsWith).findFirst().map(s -> n.substring(0, n.length() - s.length()))
                    .orElse(n);
        }
        return sources.contains('"' + name.replace('_', '.') + '"');
    }

    private static String mainSources() throws IOException {
        Path root = Chart.root().getParent().getParent();
        StringBuilder all = new StringBuilder();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        all.append(Files.readString(f));
                    }
                }
            }
        }
        return all.toString();
    }
}
