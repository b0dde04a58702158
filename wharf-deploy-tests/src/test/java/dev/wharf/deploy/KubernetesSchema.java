package dev.wharf.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates objects against the Kubernetes API of the pinned fabric8 kubernetes-model (7.4.0, Kubernetes 1.33):
 * each must deserialize into its typed class with matching types, and no field may be unknown. fabric8 keeps
 * unknown fields in additionalProperties instead of failing, so every nested model object is checked for them.
 */
final class KubernetesSchema {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
            Map.entry("v1/PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class),
            Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("apps/v1/StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class));
    /** Custom resources (no model here): checked by their own tests for the fields the chart sets. */
    static final Set<String> CUSTOM = Set.of("cert-manager.io/v1/Certificate", "monitoring.coreos.com/v1/ServiceMonitor",
            "monitoring.coreos.com/v1/PrometheusRule");

    private KubernetesSchema() {
    }

    /** Problems of one object; empty when it is valid. */
    static List<String> problems(JsonNode object) {
        String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String id = type + " " + object.path("metadata").path("name").asText();
        List<String> out = new ArrayList<>();
        if (CUSTOM.contains(type)) {
            return out;
        }
        Class<? extends HasMetadata> cls = KINDS.get(type);
        if (cls == null) {
            out.add(id + ": kind not known to the pinned Kubernetes API model");
            return out;
        }
        if (object.path("metadata").path("name").asText().isEmpty()) {
            out.add(id + ": metadata.name is missing");
        }
        HasMetadata typed;
        try {
            typed = JSON.treeToValue(object, cls);
        } catch (Exception e) {
            out.add(id + ": does not match the schema: " + e.getMessage());
            return out;
        }
        unknownFields(typed, id, out, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void unknownFields(Object o, String path, List<String> out, Set<Object> seen) {
        if (o == null || !seen.add(o)) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, out, seen));
            return;
        }
        if (!(o instanceof KubernetesResource) || !o.getClass().getPackageName().startsWith("io.fabric8")) {
            return;
        }
        for (Method g : o.getClass().getMethods()) {
            if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers()) || !g.getName().startsWith("get")
                    || g.getDeclaringClass() == Object.class) {
                continue;
            }
            Object v;
            try {
                v = g.invoke(o);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (g.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                String name = g.getName().substring(3);
                unknownFields(v, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), out, seen);
            }
        }
    }
}
