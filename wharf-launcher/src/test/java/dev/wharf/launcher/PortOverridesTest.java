package dev.wharf.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortOverridesTest {
    private static PlatformPlan.Builder defaults() {
        return PlatformPlan.defaults(Path.of("/tmp/wharf-test"), "pw");
    }

    @Test
    void theEnvironmentOverridesTheLocalDefaults() {
        PlatformPlan plan = PortOverrides.apply(defaults(), Map.of(
                "WHARF_PORT_SFTP", "2022", "WHARF_PORT_SFTP_ALTERNATE", "2023", "WHARF_PORT_KEYCLOAK", " 18180 ",
                "WHARF_PORTS_FTP_EXPLICIT", "2021,3022", "WHARF_PORTS_FTP_PASSIVE", "41000-41099")).build();
        assertEquals(2022, plan.sftpPort());
        assertEquals(2023, plan.sftpAlternatePort());
        assertEquals(18180, plan.keycloakPort());
        assertEquals(List.of(2021, 3022), plan.ftpExplicitPorts());
        assertEquals(41000, plan.passivePortFirst());
        assertEquals(41099, plan.passivePortLast());
        assertEquals(List.of(2990, 3990), plan.ftpImplicitPorts(), "what is not given keeps its default");
        assertEquals(9092, plan.kafkaPort());
    }

    @Test
    void malformedValuesNameTheVariable() {
        for (Map<String, String> env : List.of(Map.of("WHARF_PORT_SFTP", "22x"), Map.of("WHARF_PORT_KAFKA", "70000"),
                Map.of("WHARF_PORTS_FTP_PASSIVE", "5000"), Map.of("WHARF_PORTS_FTP_PASSIVE", "5001-5000"),
                Map.of("WHARF_PORTS_FTP_IMPLICIT", "990,,3990"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PortOverrides.apply(defaults(), env));
            String name = env.keySet().iterator().next();
            assertTrue(e.getMessage().startsWith(name + "="), e.getMessage());
        }
    }
}
