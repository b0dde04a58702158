package dev.wharf.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each service has a container build in the Quarkus JVM layout, running as the non-root user the chart expects. */
class DockerfilesTest {

    @Test
    void everyServiceHasANonRootFastJarImage() throws Exception {
        Path root = Chart.root().getParent().getParent();
        for (String component : Chart.components()) {
            Path file = root.resolve(component).resolve("src/main/docker/Dockerfile.jvm");
            assertTrue(Files.isRegularFile(file), "missing " + file);
            List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            assertTrue(lines.get(0).startsWith("FROM registry.access.redhat.com/ubi9/openjdk-21-runtime:"), file.toString());
            for (String layer : List.of("lib/", "*.jar", "app/", "quarkus/")) {
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY --chown=185 target/quarkus-app/" + layer)),
                        file + " lacks the " + layer + " layer");
            }
            // the user the chart's securityContext runs as (runAsUser 185), set after the files are copied
            int user = lines.indexOf("USER 185");
            int lastCopy = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("COPY")) {
                    lastCopy = i;
                }
            }
            assertTrue(user > lastCopy, file + ": USER 185 must follow the COPY lines");
            assertTrue(lines.contains("ENTRYPOINT [ \"/opt/jboss/container/java/run/run-java.sh\" ]"), file.toString());
            assertEquals(185, Chart.render(Map.of()).workload(component).path("spec").path("template").path("spec")
                    .path("securityContext").path("runAsUser").asInt());
        }
    }
}
