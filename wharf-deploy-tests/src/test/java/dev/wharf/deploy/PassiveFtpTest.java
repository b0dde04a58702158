package dev.wharf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.wharf.deploy.ChartDefaultsTest.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A PASV data connection must reach the replica holding the control connection: slices, addresses, Services. */
class PassiveFtpTest {

    @Test
    void eachReplicaHasItsOwnLoadBalancerWithItsSliceAndControlPorts() {
        Rendered r = Chart.render(Map.of("gatewayFtp.replicas", 3,
                "gatewayFtp.passive.addresses[0]", "203.0.113.10", "gatewayFtp.passive.addresses[1]", "203.0.113.11",
                "gatewayFtp.passive.addresses[2]", "203.0.113.12"));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            JsonNode svc = r.get("Service", "wharf-gateway-ftp-" + i);
            assertEquals("LoadBalancer", svc.path("spec").path("type").asText());
            assertEquals("Local", svc.path("spec").path("externalTrafficPolicy").asText());
            assertEquals("203.0.113.1" + i, svc.path("spec").path("loadBalancerIP").asText());
            assertEquals("wharf-gateway-ftp-" + i, svc.path("spec").path("selector").path("statefulset.kubernetes.io/pod-name").asText());
            List<Integer> passive = new ArrayList<>();
            Set<Integer> control = new HashSet<>();
            for (JsonNode p : svc.path("spec").path("ports")) {
                if (p.path("name").asText().startsWith("pasv-")) {
                    assertEquals(p.path("port").asInt(), p.path("targetPort").asInt(), "PASV announces the pod's port number");
                    passive.add(p.path("port").asInt());
                } else {
                    control.add(p.path("port").asInt());
                }
            }
            assertEquals(Set.of(21, 3021, 990, 3990), control);
            assertEquals(20, passive.size());
            assertEquals(40000 + 20 * i, passive.get(0));
            assertEquals(40000 + 20 * i + 19, passive.get(19));
            passive.forEach(p -> assertTrue(seen.add(p), "port " + p + " owned by two replicas"));
        }
        assertFalse(r.has("Service", "wharf-gateway-ftp-3"));
        JsonNode c = r.podSpec("StatefulSet", "wharf-gateway-ftp").path("containers").get(0);
        assertEquals("203.0.113.10,203.0.113.11,203.0.113.12", env(c, "WHARF_PASSIVE_ADDRESSES"));
        assertEquals("/opt/wharf/passive-slice.sh", c.path("command").get(1).asText());
    }

    @Test
    void perReplicaAnnotationsReachOnlyTheirReplica() {
        Rendered r = Chart.render(Map.of(
                "gatewayFtp.passive.perReplicaAnnotations[1].service\\.beta\\.kubernetes\\.io/aws-load-balancer-eip-allocations", "eipalloc-1",
                "gatewayFtp.passive.annotations.team", "mft"));
        JsonNode a0 = r.get("Service", "wharf-gateway-ftp-0").path("metadata").path("annotations");
        JsonNode a1 = r.get("Service", "wharf-gateway-ftp-1").path("metadata").path("annotations");
        assertEquals("eipalloc-1", a1.path("service.beta.kubernetes.io/aws-load-balancer-eip-allocations").asText());
        assertFalse(a0.has("service.beta.kubernetes.io/aws-load-balancer-eip-allocations"));
        assertEquals("mft", a0.path("team").asText());
        assertEquals("mft", a1.path("team").asText());
    }

    @Test
    void publicServicesCarryControlPortsAndSsh() {
        Rendered r = Chart.render(Map.of());
        JsonNode ftp = r.get("Service", "wharf-gateway-ftp-public");
        assertEquals("LoadBalancer", ftp.path("spec").path("type").asText());
        assertEquals("Local", ftp.path("spec").path("externalTrafficPolicy").asText());
        Map<Integer, String> ports = new java.util.TreeMap<>();
        ftp.path("spec").path("ports").forEach(p -> ports.put(p.path("port").asInt(), p.path("targetPort").asText()));
        assertEquals(Map.of(21, "ftp-explicit", 990, "ftps-implicit", 3021, "ftp-explicit2", 3990, "ftps-implicit2"), ports);
        JsonNode sftp = r.get("Service", "wharf-gateway-sftp-public");
        Map<Integer, String> sshPorts = new java.util.TreeMap<>();
        sftp.path("spec").path("ports").forEach(p -> sshPorts.put(p.path("port").asInt(), p.path("targetPort").asText()));
        assertEquals(Map.of(22, "sftp", 2022, "sftp-alt"), sshPorts, "22 and the alternate port (issue 16)");
        JsonNode ssh = r.podSpec("Deployment", "wharf-gateway-sftp").path("containers").get(0);
        Map<String, Integer> sshNamed = new java.util.HashMap<>();
        ssh.path("ports").forEach(p -> sshNamed.put(p.path("name").asText(), p.path("containerPort").asInt()));
        assertEquals(2222, sshNamed.get("sftp"));
        assertEquals(2022, sshNamed.get("sftp-alt"));
        assertEquals("2222", env(ssh, "WHARF_SFTP_PORT"));
        assertEquals("2022", env(ssh, "WHARF_SFTP_ALTERNATE_PORT"));
        String sshIngress = r.get("NetworkPolicy", "wharf-gateway-sftp").path("spec").path("ingress").get(0)
                .path("ports").toString();
        assertTrue(sshIngress.contains("\"sftp\"") && sshIngress.contains("\"sftp-alt\""), sshIngress);
        // the named target ports exist on the containers, on unprivileged numbers
        JsonNode c = r.podSpec("StatefulSet", "wharf-gateway-ftp").path("containers").get(0);
        Map<String, Integer> named = new java.util.HashMap<>();
        c.path("ports").forEach(p -> named.put(p.path("name").asText(), p.path("containerPort").asInt()));
        assertEquals(2121, named.get("ftp-explicit"));
        assertEquals(2990, named.get("ftps-implicit"));
        assertEquals("2121,3021", env(c, "WHARF_FTP_EXPLICIT_PORTS"));
        assertEquals("2990,3990", env(c, "WHARF_FTP_IMPLICIT_PORTS"));
        assertEquals("0.0.0.0", env(c, "WHARF_FTP_BIND_ADDRESS"));
    }

    @Test
    void hostPortModeOpensTheRangeOnOneReplicaPerNode() {
        Rendered r = Chart.render(Map.of("gatewayFtp.passive.mode", "hostPort"));
        JsonNode pod = r.podSpec("StatefulSet", "wharf-gateway-ftp");
        JsonNode c = pod.path("containers").get(0);
        List<Integer> hostPorts = new ArrayList<>();
        c.path("ports").forEach(p -> {
            if (p.has("hostPort")) {
                assertEquals(p.path("containerPort").asInt(), p.path("hostPort").asInt());
                hostPorts.add(p.path("hostPort").asInt());
            }
        });
        assertEquals(40, hostPorts.size());
        assertEquals(40000, hostPorts.get(0));
        assertEquals(40039, hostPorts.get(39));
        assertEquals("status.hostIP", c.path("env").findValue("fieldPath").asText());
        JsonNode required = pod.path("affinity").path("podAntiAffinity").path("requiredDuringSchedulingIgnoredDuringExecution");
        assertEquals("kubernetes.io/hostname", required.get(0).path("topologyKey").asText());
        assertFalse(r.has("Service", "wharf-gateway-ftp-0"), "no per-replica Services in hostPort mode");
    }

    @Test
    void networkPolicyAdmitsTheWholePassiveRange() {
        Rendered r = Chart.render(Map.of("gatewayFtp.replicas", 3));
        JsonNode ports = r.get("NetworkPolicy", "wharf-gateway-ftp").path("spec").path("ingress").get(0).path("ports");
        JsonNode range = null;
        for (JsonNode p : ports) {
            if (p.has("endPort")) {
                range = p;
            }
        }
        assertEquals(40000, range.path("port").asInt());
        assertEquals(40059, range.path("endPort").asInt());
    }

    /** The entrypoint script, run by /bin/sh as in the pod, with {@code env} in place of the JVM. */
    @Test
    void entrypointDerivesSliceAndAddressFromTheOrdinal() throws Exception {
        Map<String, String> e = runSlice("wharf-gateway-ftp-2", Map.of("WHARF_PASSIVE_ADDRESSES", "203.0.113.10,203.0.113.11,203.0.113.12"));
        assertEquals("40040-40059", e.get("WHARF_FTP_PASSIVE_PORTS"));
        assertEquals("203.0.113.12", e.get("WHARF_FTP_PASSIVE_ADDRESS"));

        Map<String, String> node = runSlice("wharf-gateway-ftp-0", Map.of("NODE_IP", "10.0.0.7"));
        assertEquals("40000-40019", node.get("WHARF_FTP_PASSIVE_PORTS"));
        assertEquals("10.0.0.7", node.get("WHARF_FTP_PASSIVE_ADDRESS"));

        Map<String, String> none = runSlice("wharf-gateway-ftp-1", Map.of());
        assertEquals("40020-40039", none.get("WHARF_FTP_PASSIVE_PORTS"));
        assertFalse(none.containsKey("WHARF_FTP_PASSIVE_ADDRESS"));
    }

    @Test
    void entrypointRefusesAHostnameWithoutOrdinal() throws Exception {
        Process p = start("gateway", Map.of());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue());
        assertTrue(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).contains("ordinal"));
    }

    private static Map<String, String> runSlice(String hostname, Map<String, String> extra) throws Exception {
        Process p = start(hostname, extra);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "script did not finish");
        assertEquals(0, p.exitValue(), () -> out + readErr(p));
        Map<String, String> env = new java.util.HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    private static Process start(String hostname, Map<String, String> extra) throws IOException {
        Path script = Chart.root().resolve("files/passive-slice.sh");
        assertTrue(Files.isRegularFile(script));
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", script.toString(), "env");
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("HOSTNAME", hostname);
        pb.environment().put("WHARF_PASSIVE_RANGE_START", "40000");
        pb.environment().put("WHARF_PASSIVE_PORTS_PER_REPLICA", "20");
        pb.environment().putAll(extra);
        return pb.start();
    }

    private static String readErr(Process p) {
        try {
            return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void aReplicaAdmitsNoMoreSessionsThanItsSliceHasPorts() {
        Rendered r = Chart.render(Map.of("gatewayFtp.passive.portsPerReplica", 7));
        JsonNode c = r.podSpec("StatefulSet", "wharf-gateway-ftp").path("containers").get(0);
        assertEquals("7", env(c, "WHARF_PASSIVE_PORTS_PER_REPLICA"));
        assertEquals("7", env(c, "WHARF_FTP_MAX_LOGINS"), "one passive port per logged-in session");
    }

    @Test
    void theLocalClusterReadsWhatTheChartDeploys() {
        dev.wharf.launcher.ClusterValues local = dev.wharf.launcher.ClusterValues.read(Chart.root().resolve("values.yaml"));
        JsonNode c = Chart.render(Map.of()).podSpec("StatefulSet", "wharf-gateway-ftp").path("containers").get(0);
        assertEquals(Integer.toString(local.portsPerReplica()), env(c, "WHARF_PASSIVE_PORTS_PER_REPLICA"));
        assertEquals(Integer.toString(local.maxLoginsPerReplica()), env(c, "WHARF_FTP_MAX_LOGINS"));
        assertEquals(local.shutdownDeadline().toString(), env(c, "WHARF_FTP_SHUTDOWN_DEADLINE"));
        assertEquals(Boolean.toString(local.passiveIpCheck()), env(c, "WHARF_FTP_PASSIVE_IP_CHECK"));
    }
}
