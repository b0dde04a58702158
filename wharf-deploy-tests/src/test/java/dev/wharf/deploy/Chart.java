package dev.wharf.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Wharf Helm chart, linted and rendered offline by the native Helm that helm-java ships. */
final class Chart {
    static final String RELEASE = "wharf";
    static final String NAMESPACE = "mft";
    /** Kubernetes version the chart is rendered for (Capabilities.KubeVersion); the model below is 1.33. */
    static final String KUBE_VERSION = "1.33.0";
    /** Values every rendering gets on top of the chart's defaults: none (the defaults must render). */
    static final Map<String, Object> REQUIRED = Map.of();

    private Chart() {
    }

    static Path root() {
        String root = System.getProperty("wharf.project.root");
        Path base = root != null ? Path.of(root) : Path.of("..");
        Path chart = base.resolve("helm/wharf").toAbsolutePath().normalize();
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            throw new IllegalStateException("no chart at " + chart);
        }
        return chart;
    }

    static LintResult lint() {
        return new Helm(root()).lint().strict().call();
    }

    /** Renders with the required values plus {@code values} (Helm --set syntax). */
    static Rendered render(Map<String, Object> values) {
        Map<String, Object> all = new LinkedHashMap<>(REQUIRED);
        all.putAll(values);
        TemplateCommand cmd = new Helm(root()).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        all.forEach(cmd::set);
        return Rendered.parse(cmd.call());
    }

    /** Renders with a values file (for lists of objects, which --set spells badly). */
    static Rendered render(Path valuesFile, Map<String, Object> values) {
        Map<String, Object> all = new LinkedHashMap<>(REQUIRED);
        all.putAll(values);
        TemplateCommand cmd = new Helm(root()).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION).withValuesFile(valuesFile);
        all.forEach(cmd::set);
        return Rendered.parse(cmd.call());
    }

    static List<String> components() {
        return List.of("identity-service", "policy-service", "storage-service", "gateway-ftp", "gateway-sftp", "gateway-web");
    }
}
