package dev.wharf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The Kubernetes objects of one rendering (multi-document YAML), as JSON trees. */
record Rendered(String text, List<JsonNode> objects) {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Rendered parse(String text) {
        List<JsonNode> out = new ArrayList<>();
        try (YAMLParser parser = ((YAMLFactory) YAML.getFactory()).createParser(text)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && n.isObject() && !n.isEmpty()) {
                    out.add(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rendered YAML does not parse", e);
        }
        return new Rendered(text, List.copyOf(out));
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    JsonNode get(String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()) && name.equals(o.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in: " + names()));
    }

    boolean has(String kind, String name) {
        return objects.stream().anyMatch(o -> kind.equals(o.path("kind").asText())
                && name.equals(o.path("metadata").path("name").asText()));
    }

    String names() {
        return objects.stream().map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
                .collect(Collectors.joining(", "));
    }

    /** The pod template spec of a Deployment or StatefulSet. */
    JsonNode podSpec(String kind, String name) {
        return get(kind, name).path("spec").path("template").path("spec");
    }

    /** The workload (Deployment or StatefulSet) of a component. */
    JsonNode workload(String component) {
        String name = Chart.RELEASE + "-" + component;
        return has("StatefulSet", name) ? get("StatefulSet", name) : get("Deployment", name);
    }

    static ObjectNode copy(JsonNode n) {
        return (ObjectNode) n.deepCopy();
    }
}
