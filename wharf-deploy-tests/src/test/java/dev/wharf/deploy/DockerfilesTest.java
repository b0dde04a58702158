package dev.wharf.deploy;

import org.junit.jupiter.api.Test;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each service has a container build in the Quarkus JVM layout, running as the non-root user the chart expects; the
 * daemonless Jib build (root pom, profile {@code images}) makes the same image under the name the chart pulls.
 */
class DockerfilesTest {
    private static final Pattern ENV = Pattern.compile("^ENV ([A-Z_]+)=[\"']?(.*?)[\"']?$");

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

    /** Base, user, JVM options and environment of Dockerfile.jvm, and the chart's image name, agree with Jib's. */
    @Test
    void theDaemonlessImageBuildMakesTheDockerfilesImageUnderTheChartsName() throws Exception {
        Path root = Chart.root().getParent().getParent();
        Map<String, String> common = imagesProfile(root.resolve("pom.xml"));
        Rendered chart = Chart.render(Map.of("image.tag", "9.9.9"));
        for (String component : Chart.components()) {
            Map<String, String> jib = new HashMap<>(common);
            jib.putAll(properties(root.resolve(component).resolve("pom.xml")));
            List<String> lines = Files.readAllLines(root.resolve(component).resolve("src/main/docker/Dockerfile.jvm"));
            String from = lines.stream().filter(l -> l.startsWith("FROM ")).findFirst().orElseThrow().substring(5);
            assertEquals(from, jib.get("quarkus.jib.base-jvm-image"), component + ": base image");
            assertEquals("185", jib.get("quarkus.jib.user"), component);
            for (String line : lines) {
                Matcher m = ENV.matcher(line);
                if (!m.matches() || m.group(1).equals("JAVA_APP_JAR")) {
                    continue; // Jib's own launch layout sets the jar
                }
                if (m.group(1).equals("JAVA_OPTS_APPEND")) {
                    for (String option : m.group(2).split(" ")) {
                        assertTrue(option.startsWith("-Djava.util.logging.manager=") // Jib's default JVM argument
                                        || List.of(jib.get("quarkus.jib.jvm-additional-arguments").split(",")).contains(option),
                                component + ": JVM option " + option + " missing from the Jib build");
                    }
                } else {
                    assertEquals(m.group(2), jib.get("quarkus.jib.environment-variables." + m.group(1)),
                            component + ": environment variable " + m.group(1));
                }
            }
            String image = jib.get("quarkus.container-image.registry") + "/" + jib.get("quarkus.container-image.group")
                    + "/" + component + ":9.9.9";
            String pulled = chart.workload(component).path("spec").path("template").path("spec").path("containers")
                    .get(0).path("image").asText();
            assertEquals(image, pulled, component + ": the chart pulls what the build pushes");
        }
    }

    private static Map<String, String> imagesProfile(Path pom) throws Exception {
        Element project = parse(pom);
        NodeList profiles = project.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element profile = (Element) profiles.item(i);
            if ("images".equals(child(profile, "id").getTextContent().trim())) {
                return children(child(profile, "properties"));
            }
        }
        throw new AssertionError("no images profile in " + pom);
    }

    /** The module's own top-level properties (module-specific image settings). */
    private static Map<String, String> properties(Path pom) throws Exception {
        Element props = child(parse(pom), "properties");
        return props == null ? Map.of() : children(props);
    }

    private static Element parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static Map<String, String> children(Element parent) {
        Map<String, String> out = new HashMap<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.put(e.getTagName(), e.getTextContent().trim());
            }
        }
        return out;
    }
}
