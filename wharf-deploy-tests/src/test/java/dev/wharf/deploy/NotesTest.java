package dev.wharf.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NOTES.txt, as a client-only dry-run install prints it: where to look next, and what is still missing. */
class NotesTest {

    /**
     * A client-only install assumes Kubernetes 1.20 and cannot be told otherwise, so it runs on a copy of the chart
     * without the kubeVersion constraint (the templates are the same).
     */
    static String notes(Map<String, Object> values) throws IOException {
        Path copy = Files.createTempDirectory("wharf-chart");
        try (Stream<Path> files = Files.walk(Chart.root())) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(Chart.root().relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        Path chartYaml = copy.resolve("Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml).replaceAll("(?m)^kubeVersion:.*$", ""));
        try {
            InstallCommand cmd = new Helm(copy).install().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE)
                    .dryRun().clientOnly();
            values.forEach(cmd::set);
            return cmd.call().getOutput();
        } finally {
            try (Stream<Path> files = Files.walk(copy)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    @Test
    void warnsWhileFtpReplicasHaveNoPassiveAddress() throws IOException {
        String out = notes(Map.of());
        assertTrue(out.contains("wharf.dev/exposure=passive"), out);
        assertTrue(out.contains("WARNING: gatewayFtp.passive.addresses"), out);
        assertTrue(out.contains("sftp -P 22 alice@acme.files.example.com@acme.files.example.com"), out);
    }

    @Test
    void noWarningOnceEveryReplicaHasItsAddress() throws IOException {
        String out = notes(Map.of("gatewayFtp.passive.addresses[0]", "203.0.113.10",
                "gatewayFtp.passive.addresses[1]", "203.0.113.11"));
        assertFalse(out.contains("WARNING"), out);
    }

    @Test
    void hostPortModeExplainsTheNodeAddresses() throws IOException {
        String out = notes(Map.of("gatewayFtp.passive.mode", "hostPort"));
        assertTrue(out.contains("hostPort; each replica runs on its own node"), out);
    }
}
