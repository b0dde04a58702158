package dev.wharf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validator itself: it must reject what the API server would reject, or the chart tests prove nothing. */
class KubernetesSchemaTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: x}
            spec:
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: b}}
                spec:
                  containers:
                    - name: c
                      image: i
                      %s
            """;

    static JsonNode one(String yaml) {
        return Rendered.parse(yaml).objects().get(0);
    }

    @Test
    void acceptsAValidObject() {
        assertEquals(List.of(), KubernetesSchema.problems(one(DEPLOYMENT.formatted("ports: [{containerPort: 80}]"))));
    }

    @Test
    void rejectsAnUnknownNestedField() {
        List<String> p = KubernetesSchema.problems(one(DEPLOYMENT.formatted("readinesProbe: {httpGet: {path: /, port: 80}}")));
        assertEquals(1, p.size(), p::toString);
        assertTrue(p.get(0).contains("readinesProbe"), p::toString);
    }

    @Test
    void rejectsAWrongType() {
        List<String> p = KubernetesSchema.problems(one(DEPLOYMENT.formatted("ports: [{containerPort: {x: 1}}]")));
        assertEquals(1, p.size(), p::toString);
    }

    @Test
    void rejectsAnUnknownKind() {
        List<String> p = KubernetesSchema.problems(one("apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: x}\n"));
        assertTrue(p.get(0).contains("not known"), p::toString);
    }
}
