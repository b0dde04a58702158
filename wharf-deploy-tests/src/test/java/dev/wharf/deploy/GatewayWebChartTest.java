package dev.wharf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.wharf.deploy.ChartDefaultsTest.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gateway-web in the chart: Deployment, Services, Ingress option, NetworkPolicy, and what it shares with FTPS. */
class GatewayWebChartTest {
    static Rendered defaults;

    @BeforeAll
    static void render() {
        defaults = Chart.render(Map.of());
    }

    private static JsonNode container(Rendered r) {
        return r.podSpec("Deployment", "wharf-gateway-web").path("containers").get(0);
    }

    @Test
    void servesHttpsOn8443WithTheFtpsCertificateAndHealthOnPlainHttp() {
        JsonNode pod = defaults.podSpec("Deployment", "wharf-gateway-web");
        JsonNode c = container(defaults);
        List<String> ports = new ArrayList<>();
        c.path("ports").forEach(p -> ports.add(p.path("name").asText() + ":" + p.path("containerPort").asInt()));
        assertEquals(List.of("http:8080", "https:8443"), ports);
        assertEquals("8443", env(c, "WHARF_WEB_PORT"));
        assertEquals("8080", env(c, "QUARKUS_HTTP_PORT"));
        assertEquals("http", c.path("readinessProbe").path("httpGet").path("port").asText());
        assertEquals("/etc/wharf/tls/tls.crt", env(c, "WHARF_TLS_CERTIFICATE"));
        assertEquals("/etc/wharf/tls/tls.key", env(c, "WHARF_TLS_PRIVATE_KEY"));
        assertEquals(secretOf(defaults.podSpec("StatefulSet", "wharf-gateway-ftp"), "tls"), secretOf(pod, "tls"),
                "the portal presents the FTPS certificate");
        assertEquals("wharf-tls", secretOf(pod, "tls"));
        assertEquals(30, pod.path("terminationGracePeriodSeconds").asInt());
        assertEquals("sleep 10", c.path("lifecycle").path("preStop").path("exec").path("command").get(2).asText());
    }

    @Test
    void callsTheServicesAsTheOtherGatewaysDoAndSharesItsSessionSecretAcrossReplicas() {
        JsonNode web = container(defaults);
        JsonNode sftp = defaults.podSpec("Deployment", "wharf-gateway-sftp").path("containers").get(0);
        for (String name : List.of("WHARF_SERVICES_IDENTITY_URL", "WHARF_SERVICES_POLICY_URL", "WHARF_SERVICES_STORAGE_URL",
                "WHARF_SERVICES_CREDENTIAL_CLIENT_ID", "WHARF_SERVICES_CREDENTIAL_TOKEN_URL", "WHARF_TENANCY_BASE_DOMAIN",
                "WHARF_AUDIT_BOOTSTRAP_SERVERS", "WHARF_AUDIT_TOPIC")) {
            assertEquals(env(sftp, name), env(web, name), name);
        }
        assertEquals(envNode(sftp, "WHARF_SERVICES_CREDENTIAL_CLIENT_SECRET"), envNode(web, "WHARF_SERVICES_CREDENTIAL_CLIENT_SECRET"));
        assertEquals("http://keycloak-service.keycloak.svc:8080", env(web, "WHARF_WEB_KEYCLOAK_URL"));
        JsonNode ref = envNode(web, "WHARF_WEB_SESSION_SECRET").path("valueFrom").path("secretKeyRef");
        assertEquals("wharf-platform-credentials", ref.path("name").asText());
        assertEquals("web-session-secret", ref.path("key").asText());
        JsonNode secret = defaults.get("Secret", "wharf-platform-credentials");
        assertEquals(48, new String(java.util.Base64.getDecoder().decode(secret.path("data").path("web-session-secret").asText())).length());
        // the public Keycloak address browsers go to, as identity-service's portal URL
        JsonNode pub = container(Chart.render(Map.of("identity.portalUrl", "https://id.example.com")));
        assertEquals("https://id.example.com", env(pub, "WHARF_WEB_KEYCLOAK_URL"));
        // identity-service's redirect addresses carry the public portal port
        JsonNode identity = defaults.podSpec("Deployment", "wharf-identity-service").path("containers").get(0);
        assertEquals("443", env(identity, "WHARF_IDENTITY_SHARING_WEB_PORT"));
    }

    @Test
    void spoolsFormUploadsOnItsOwnBoundedVolume() {
        JsonNode pod = defaults.podSpec("Deployment", "wharf-gateway-web");
        JsonNode c = container(defaults);
        assertEquals("/var/lib/wharf/uploads", env(c, "QUARKUS_HTTP_BODY_UPLOADS_DIRECTORY"));
        assertEquals("10G", env(c, "WHARF_WEB_MAX_UPLOAD_SIZE"));
        boolean mounted = false;
        for (JsonNode m : c.path("volumeMounts")) {
            mounted |= m.path("name").asText().equals("uploads") && m.path("mountPath").asText().equals("/var/lib/wharf/uploads");
        }
        assertTrue(mounted);
        JsonNode volume = null;
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals("uploads")) {
                volume = v;
            }
        }
        assertEquals("12Gi", volume.path("emptyDir").path("sizeLimit").asText());
    }

    @Test
    void hasAClusterServiceAndAPublicLoadBalancerOn443ButNoIngressByDefault() {
        JsonNode svc = defaults.get("Service", "wharf-gateway-web");
        assertEquals("ClusterIP", svc.path("spec").path("type").asText());
        assertEquals("http:8080->http,https:443->https", ports(svc));
        JsonNode lb = defaults.get("Service", "wharf-gateway-web-public");
        assertEquals("LoadBalancer", lb.path("spec").path("type").asText());
        assertEquals("Local", lb.path("spec").path("externalTrafficPolicy").asText());
        assertEquals("public", lb.path("metadata").path("labels").path("wharf.dev/exposure").asText());
        assertEquals("https:443->https", ports(lb));
        assertEquals("gateway-web", lb.path("spec").path("selector").path("app.kubernetes.io/component").asText());
        assertTrue(defaults.ofKind("Ingress").isEmpty());
        assertFalse(envNames(container(defaults)).contains("WHARF_WEB_PROXY_TRUSTED_CIDRS"));
        assertFalse(envNames(container(defaults)).contains("WHARF_WEB_PROXY_PROTOCOL"));
        // another public port: the Service and the sign-in redirect addresses follow
        Rendered r = Chart.render(Map.of("gatewayWeb.port", 8443));
        assertEquals("https:8443->https", ports(r.get("Service", "wharf-gateway-web-public")));
        assertEquals("8443", env(r.podSpec("Deployment", "wharf-identity-service").path("containers").get(0),
                "WHARF_IDENTITY_SHARING_WEB_PORT"));
    }

    @Test
    void theIngressKeepsTheHostReencryptsToThePortalAndCanReplaceTheLoadBalancer() {
        Rendered r = Chart.render(Map.of("gatewayWeb.ingress.enabled", true, "gatewayWeb.ingress.className", "nginx",
                "gatewayWeb.ingress.extraHosts[0]", "files.acme.com", "gatewayWeb.loadBalancer.enabled", false,
                "gatewayWeb.trustedProxyCidrs[0]", "10.42.0.0/16"));
        JsonNode ing = r.get("Ingress", "wharf-gateway-web");
        assertEquals("nginx", ing.path("spec").path("ingressClassName").asText());
        List<String> hosts = new ArrayList<>();
        ing.path("spec").path("rules").forEach(rule -> {
            hosts.add(rule.path("host").asText());
            JsonNode backend = rule.path("http").path("paths").get(0).path("backend").path("service");
            assertEquals("wharf-gateway-web", backend.path("name").asText());
            assertEquals("https", backend.path("port").path("name").asText());
        });
        // a rule per tenant host name pattern: the controller passes the Host header, which names the tenant
        assertEquals(List.of("*.files.example.com", "files.acme.com"), hosts);
        JsonNode tls = ing.path("spec").path("tls").get(0);
        assertEquals("wharf-tls", tls.path("secretName").asText());
        assertEquals(hosts, ChartOptionsTest.strings(tls.path("hosts")));
        assertEquals("HTTPS", ing.path("metadata").path("annotations").path("nginx.ingress.kubernetes.io/backend-protocol").asText());
        assertEquals("off", ing.path("metadata").path("annotations").path("nginx.ingress.kubernetes.io/proxy-request-buffering").asText());
        assertFalse(r.has("Service", "wharf-gateway-web-public"));
        assertTrue(r.has("Service", "wharf-gateway-sftp-public"), "the other gateways keep theirs");
        assertEquals("10.42.0.0/16", env(container(r), "WHARF_WEB_PROXY_TRUSTED_CIDRS"));
        List<String> problems = new ArrayList<>();
        r.objects().forEach(o -> problems.addAll(KubernetesSchema.problems(o)));
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void proxyProtocolReachesThePortalsBalancerAndItsTrustedRangesUnlessAnIngressConnectsToo() {
        Map<String, Object> proxy = Map.of("gateways.proxyProtocol.enabled", true,
                "gateways.proxyProtocol.trustedCidrs[0]", "10.0.0.0/8",
                "gatewayWeb.trustedProxyCidrs[0]", "10.42.0.0/16", "gatewayWeb.trustedProxyCidrs[1]", "10.0.0.0/8");
        Rendered r = Chart.render(proxy);
        JsonNode c = container(r);
        assertEquals("true", env(c, "WHARF_WEB_PROXY_PROTOCOL"));
        assertEquals("10.42.0.0/16,10.0.0.0/8", env(c, "WHARF_WEB_PROXY_TRUSTED_CIDRS"), "each range once");
        assertEquals("*", r.get("Service", "wharf-gateway-web-public").path("metadata").path("annotations")
                .path("service.beta.kubernetes.io/aws-load-balancer-proxy-protocol").asText());
        // an Ingress controller connects without a header: the portal's port then takes none, from anyone
        Map<String, Object> withIngress = new java.util.HashMap<>(proxy);
        withIngress.put("gatewayWeb.ingress.enabled", true);
        Rendered i = Chart.render(withIngress);
        assertFalse(envNames(container(i)).contains("WHARF_WEB_PROXY_PROTOCOL"));
        assertEquals("10.42.0.0/16,10.0.0.0/8", env(container(i), "WHARF_WEB_PROXY_TRUSTED_CIDRS"));
        assertFalse(i.get("Service", "wharf-gateway-web-public").path("metadata").path("annotations")
                .has("service.beta.kubernetes.io/aws-load-balancer-proxy-protocol"));
        assertEquals("*", i.get("Service", "wharf-gateway-sftp-public").path("metadata").path("annotations")
                .path("service.beta.kubernetes.io/aws-load-balancer-proxy-protocol").asText());
    }

    @Test
    void takesBrowsersOnHttpsOnlyAndReachesOnlyServicesKeycloakAndKafka() {
        JsonNode spec = defaults.get("NetworkPolicy", "wharf-gateway-web").path("spec");
        assertEquals(List.of("Ingress", "Egress"), ChartOptionsTest.strings(spec.path("policyTypes")));
        assertEquals(1, spec.path("ingress").size(), "no metrics peers by default: " + spec.path("ingress"));
        JsonNode in = spec.path("ingress").get(0);
        assertEquals("https", in.path("ports").get(0).path("port").asText());
        assertEquals(1, in.path("ports").size());
        assertFalse(in.has("from"), "browsers come from anywhere");
        JsonNode egress = spec.path("egress");
        assertEquals(4, egress.size(), "DNS, the services, Keycloak and Kafka: " + egress);
        List<String> to = new ArrayList<>();
        egress.get(1).path("to").forEach(t -> to.add(t.path("podSelector").path("matchLabels").path("app.kubernetes.io/component").asText()));
        assertEquals(List.of("identity-service", "policy-service", "storage-service"), to);
        List<Integer> ports = new ArrayList<>();
        egress.forEach(rule -> rule.path("ports").forEach(p -> ports.add(p.path("port").asInt())));
        assertTrue(ports.containsAll(List.of(53, 8080, 8443, 443, 9092)), ports.toString());
        JsonNode metrics = Chart.render(Map.of(
                "networkPolicy.metricsPeers[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "monitoring"))
                .get("NetworkPolicy", "wharf-gateway-web").path("spec").path("ingress").get(1);
        assertEquals("http", metrics.path("ports").get(0).path("port").asText());
    }

    @Test
    void scalesLikeTheSftpGatewayAndIsScraped() {
        JsonNode hpa = defaults.get("HorizontalPodAutoscaler", "wharf-gateway-web");
        assertEquals("wharf-gateway-web", hpa.path("spec").path("scaleTargetRef").path("name").asText());
        assertEquals(2, hpa.path("spec").path("minReplicas").asInt());
        assertEquals(1, defaults.get("PodDisruptionBudget", "wharf-gateway-web").path("spec").path("minAvailable").asInt());
        Rendered fixed = Chart.render(Map.of("gatewayWeb.autoscaling.enabled", false, "gatewayWeb.replicas", 3,
                "gatewayWeb.pdb.enabled", false, "serviceMonitor.enabled", true));
        assertEquals(3, fixed.get("Deployment", "wharf-gateway-web").path("spec").path("replicas").asInt());
        assertFalse(fixed.has("HorizontalPodAutoscaler", "wharf-gateway-web"));
        assertFalse(fixed.has("PodDisruptionBudget", "wharf-gateway-web"));
        JsonNode sm = fixed.get("ServiceMonitor", "wharf-gateway-web").path("spec");
        assertEquals("http", sm.path("endpoints").get(0).path("port").asText());
        assertEquals("/q/metrics", sm.path("endpoints").get(0).path("path").asText());
    }

    @Test
    void schemaRejectsATypoInTheIngressSettings() {
        Exception e = assertThrows(Exception.class, () -> Chart.render(Map.of("gatewayWeb.ingres.enabled", true)));
        assertTrue(e.getMessage().contains("ingres"), e.getMessage());
        assertThrows(Exception.class, () -> Chart.render(Map.of("gatewayWeb.maxUploadSize", "ten gigabytes")));
    }

    @Test
    void hasAContainerBuild() throws Exception {
        Path dockerfile = Chart.root().getParent().getParent().resolve("gateway-web/src/main/docker/Dockerfile.jvm");
        assertTrue(Files.readString(dockerfile).contains("EXPOSE 8443"), "the HTTPS port is documented in the image");
    }

    private static String secretOf(JsonNode pod, String volume) {
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                return v.path("secret").path("secretName").asText();
            }
        }
        throw new AssertionError("no volume " + volume);
    }

    private static JsonNode envNode(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no " + name);
    }

    private static List<String> envNames(JsonNode container) {
        List<String> names = new ArrayList<>();
        container.path("env").forEach(e -> names.add(e.path("name").asText()));
        return names;
    }

    private static String ports(JsonNode service) {
        List<String> out = new ArrayList<>();
        service.path("spec").path("ports").forEach(p -> out.add(p.path("name").asText() + ":" + p.path("port").asInt()
                + "->" + p.path("targetPort").asText()));
        return String.join(",", out);
    }
}
