package dev.wharf.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local cluster's plan: values from the chart, each replica's settings, HAProxy's configuration (checked by HAProxy). */
class LocalClusterPlanTest {

    @TempDir
    Path tmp;

    @Test
    void valuesComeFromTheChart() {
        ClusterValues values = ClusterValues.fromChart();
        assertEquals(20, values.portsPerReplica());
        assertEquals(20, values.maxLoginsPerReplica(), "one passive port per logged-in session");
        assertEquals(Duration.ofSeconds(15), values.shutdownDeadline(), "drainSeconds 20 minus 5");
        assertTrue(values.passiveIpCheck());
        assertEquals(40020, values.sliceFirst(40000, 1));
        assertEquals(40039, values.sliceLast(40000, 1));
    }

    @Test
    void aMissingValueIsNamed() throws Exception {
        Path file = tmp.resolve("values.yaml");
        Files.writeString(file, "gateways:\n  drainSeconds: 20\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClusterValues.read(file));
        assertTrue(e.getMessage().contains("gatewayFtp.passive.portsPerReplica"), e.getMessage());
    }

    @Test
    void thePassiveRangeMustHoldEverySlice() {
        PlatformPlan.Builder b = PlatformPlan.defaults(tmp, "pw").passivePorts(41000, 41029)
                .gatewayReplicas(2, new ClusterValues(20, 20, true, 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("2 slices of 20 ports"), e.getMessage());
    }

    @Test
    void eachReplicaHasItsAddressSliceAndTheBalancerAsOnlyTrustedProxy() {
        PlatformPlan plan = PlatformPlan.defaults(tmp, "pw").gatewayReplicas(2, new ClusterValues(20, 20, true, 10)).build();
        ServiceConfig.Wiring wiring = new ServiceConfig.Wiring(plan, "127.0.0.1:9092", "http://127.0.0.1:8180", "admin",
                "secret", null, tmp.resolve("c.pem"), tmp.resolve("k.pem"), "state", "client", tmp.resolve("g"));
        Map<String, String> ftp1 = ServiceConfig.of(Platform.GATEWAY_FTP, 1, wiring).properties();
        assertEquals("127.0.0.3", ftp1.get("quarkus.http.host"));
        assertEquals("127.0.0.3", ftp1.get("wharf.ftp.bind-address"));
        assertEquals("40020-40039", ftp1.get("wharf.ftp.passive-ports"));
        assertEquals("127.0.0.1", ftp1.get("wharf.ftp.passive-address"), "the balancer's address, as in the chart");
        assertEquals("20", ftp1.get("wharf.ftp.max-logins"));
        assertEquals("127.0.0.1/32", ftp1.get("wharf.ftp.proxy-protocol.trusted-cidrs"));
        assertEquals("PT15S", ftp1.get("wharf.ftp.shutdown-deadline"));
        assertTrue(ftp1.get("wharf.audit.spool.directory").endsWith("spool/gateway-ftp-1"), "a spool per replica");
        Map<String, String> sftp0 = ServiceConfig.of(Platform.GATEWAY_SFTP, 0, wiring).properties();
        assertEquals("127.0.0.2", sftp0.get("wharf.sftp.bind-address"));
        assertEquals("127.0.0.1/32", sftp0.get("wharf.sftp.proxy-protocol.trusted-cidrs"));
        Map<String, String> single = ServiceConfig.of(Platform.GATEWAY_FTP, wiring).properties();
        assertFalse(single.containsKey("wharf.ftp.proxy-protocol.trusted-cidrs"));
        assertEquals("40000-50000", single.get("wharf.ftp.passive-ports"));
    }

    @Test
    void haproxyAcceptsTheConfigurationAndItRoutesEachSliceToItsReplica() throws Exception {
        PlatformPlan plan = PlatformPlan.withFreePorts(tmp, "pw").gatewayReplicas(2, new ClusterValues(10, 20, true, 10))
                .build();
        String config = HaproxyConfig.render(plan);
        int first = plan.passivePortFirst();
        assertTrue(config.contains("bind 127.0.0.1:" + first + "-" + (first + 9) + "\n    default_backend passive-0"),
                config);
        assertTrue(config.contains("bind 127.0.0.1:" + (first + 10) + "-" + (first + 19)
                + "\n    default_backend passive-1"), config);
        assertTrue(config.contains("server replica-1 127.0.0.3 send-proxy-v2"), config);
        assertTrue(config.contains("stats socket " + tmp.toAbsolutePath().normalize().resolve("haproxy/admin.sock")
                + " mode 600 level admin"), config);
        int sftp = plan.sftpPort();
        for (String address : List.of("127.0.0.2", "127.0.0.3")) {
            assertTrue(config.contains(address + ":" + sftp + " send-proxy-v2 check port " + plan.sftpHttpPort()),
                    config);
            for (int ftp : plan.ftpImplicitPorts()) {
                assertTrue(config.contains(address + ":" + ftp + " send-proxy-v2 check port " + plan.ftpHttpPort()),
                        config);
            }
        }
        Path file = tmp.resolve("haproxy.cfg");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        ChildProcess.run("haproxy -c", List.of(HaproxyProcess.executable(), "-c", "-q", "-f", file.toString()),
                Map.of(), tmp, tmp.resolve("haproxy-check.log"), Duration.ofSeconds(20));
    }

    @Test
    void serviceReplicasListenOnTheirOwnAddressAndCallEachOtherThroughTheBalancer() {
        PlatformPlan plan = PlatformPlan.defaults(tmp, "pw").serviceReplicas(2).build();
        ServiceConfig.Wiring wiring = new ServiceConfig.Wiring(plan, "127.0.0.1:9092", "http://127.0.0.1:8180", "admin",
                "secret", null, tmp.resolve("c.pem"), tmp.resolve("k.pem"), "state", "client", tmp.resolve("g"));
        ServiceConfig identity1 = ServiceConfig.of(Platform.IDENTITY, 1, wiring);
        assertEquals("127.0.0.3", identity1.properties().get("quarkus.http.host"));
        assertEquals("http://127.0.0.1:8083", identity1.properties().get("wharf.identity.storage.url"));
        assertEquals("state", identity1.environment().get("WHARF_IDENTITY_SHARED_STATE_KEY"),
                "one 2FA state key for every replica");
        assertTrue(identity1.properties().get("wharf.audit.spool.directory").endsWith("spool/identity-service-1"));
        Map<String, String> storage0 = ServiceConfig.of(Platform.STORAGE, 0, wiring).properties();
        assertEquals("127.0.0.2", storage0.get("quarkus.http.host"));
        assertEquals("http://127.0.0.1:8081/v1/grants/keys", storage0.get("wharf.storage.grants.keys-url"));
        assertEquals("127.0.0.1", ServiceConfig.of(Platform.POLICY, wiring).properties().get("quarkus.http.host"));
        assertEquals(2, plan.replicas(Platform.POLICY));
        assertEquals(1, plan.replicas(Platform.GATEWAY_FTP), "gateway replicas are set apart");
    }

    @Test
    void haproxyAcceptsTheServicesConfigurationAndBalancesEachServiceOverItsReplicas() throws Exception {
        PlatformPlan plan = PlatformPlan.withFreePorts(tmp, "pw").serviceReplicas(2).build();
        String config = HaproxyConfig.renderServices(plan);
        for (int port : List.of(plan.identityPort(), plan.policyPort(), plan.storagePort())) {
            assertTrue(config.contains("bind 127.0.0.1:" + port + "\n"), config);
            assertTrue(config.contains("server replica-0 127.0.0.2:" + port + " check"), config);
            assertTrue(config.contains("server replica-1 127.0.0.3:" + port + " check"), config);
        }
        assertTrue(config.contains("retry-on conn-failure empty-response"), config);
        Path file = tmp.resolve("haproxy-services.cfg");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        ChildProcess.run("haproxy -c", List.of(HaproxyProcess.executable(), "-c", "-q", "-f", file.toString()),
                Map.of(), tmp, tmp.resolve("haproxy-check.log"), Duration.ofSeconds(20));
    }

    @Test
    void upTakesAReplicaCount() {
        assertEquals(1, Up.replicas(new String[0]));
        assertEquals(2, Up.replicas(new String[]{"--replicas", "2"}));
        assertEquals(3, Up.replicas(new String[]{"--replicas=3"}));
        assertThrows(IllegalArgumentException.class, () -> Up.replicas(new String[]{"--replicas", "zero"}));
        assertThrows(IllegalArgumentException.class, () -> Up.replicas(new String[]{"--replicas", "0"}));
        assertThrows(IllegalArgumentException.class, () -> Up.replicas(new String[]{"--fast"}));
    }
}
