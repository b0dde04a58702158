package dev.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class PlatformPlanTest {

    @Test
    void defaultsAreTheDocumentedLocalPorts() {
        PlatformPlan plan = PlatformPlan.defaults(Path.of("/tmp/run"), "pw").build();
        assertEquals(8180, plan.keycloakPort());
        assertEquals(9092, plan.kafkaPort());
        assertEquals(List.of(8081, 8082, 8083, 8084, 8085), List.of(plan.identityPort(), plan.policyPort(),
                plan.storagePort(), plan.ftpHttpPort(), plan.sftpHttpPort()));
        assertEquals(List.of(2121, 3021), plan.ftpExplicitPorts());
        assertEquals(List.of(2990, 3990), plan.ftpImplicitPorts());
        assertEquals(40000, plan.passivePortFirst());
        assertEquals(50000, plan.passivePortLast());
        assertEquals(2222, plan.sftpPort());
        assertEquals(2022, plan.sftpAlternatePort());
        assertEquals(8443, plan.webPort());
        assertEquals(8086, plan.webHttpPort());
        assertEquals("local", plan.storageBackend());
        assertEquals(Path.of("/tmp/run/logs"), plan.logDir());
        assertEquals(Path.of("/tmp/run/run"), plan.pidDir());
        assertEquals(Path.of("/tmp/run/tls"), plan.tlsDir());
        assertEquals(Path.of("/tmp/run/ssh"), plan.sshHostKeyDir());
    }

    @Test
    void freePortsAreAllDistinct() {
        // random picks collide now and then (a few percent per plan): many plans make a regression show
        for (int i = 0; i < 50; i++) {
            freePortsOfOnePlanAreDistinct();
        }
    }

    private static void freePortsOfOnePlanAreDistinct() {
        PlatformPlan plan = PlatformPlan.withFreePorts(Path.of("/tmp/run"), "pw").build();
        // listeningPorts is keyed by port: a clash would collapse two entries into one
        assertEquals(16, plan.listeningPorts().size(), plan.listeningPorts().toString());
        assertEquals(19, plan.passivePortLast() - plan.passivePortFirst());
        assertTrue(plan.listeningPorts().keySet().stream()
                .noneMatch(p -> p >= plan.passivePortFirst() && p <= plan.passivePortLast()));
    }

    @Test
    void builderIsCopiedSoLaterChangesDoNotLeakIntoABuiltPlan() {
        PlatformPlan.Builder builder = PlatformPlan.defaults(Path.of("/tmp/run"), "pw")
                .property(Platform.GATEWAY_FTP, "a", "1");
        PlatformPlan plan = builder.build();
        builder.keycloakPort(1).property(Platform.GATEWAY_FTP, "a", "2");
        assertEquals(8180, plan.keycloakPort());
        assertEquals("1", plan.extraProperties(Platform.GATEWAY_FTP).get("a"));
    }

    @Test
    void rejectsUnknownBackendAndEmptyPassiveRange() {
        PlatformPlan.Builder builder = PlatformPlan.defaults(Path.of("/tmp/run"), "pw");
        assertThrows(IllegalArgumentException.class, () -> builder.storageBackend("ftp"));
        assertThrows(IllegalArgumentException.class, () -> builder.passivePorts(5, 4));
    }
}
