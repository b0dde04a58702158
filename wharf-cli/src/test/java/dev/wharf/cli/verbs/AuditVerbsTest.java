package dev.wharf.cli.verbs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditVerbsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anUploadIsOneLineWithEveryColumn() throws Exception {
        String event = """
                {"specversion":"1.0","id":"1","source":"/gateway-sftp","type":"dev.wharf.file.uploaded",
                 "time":"2026-12-07T04:00:00.123Z","data":{"tenant":"acme","user":"alice","protocol":"sftp",
                 "clientAddress":"192.0.2.7","sessionId":"s","reason":"ok","path":"/q1.csv","bytes":1234}}""";
        assertEquals("2026-12-07T04:00:00.123Z acme alice sftp 192.0.2.7 file.uploaded /q1.csv 1234 ok ok",
                AuditVerbs.line(JSON.readTree(event)));
    }

    @Test
    void aRefusalSaysFailedWithItsReasonAndAbsentFieldsAreDashes() throws Exception {
        String event = """
                {"type":"dev.wharf.login.failed","time":"t","data":{"tenant":"acme","user":"bob","protocol":"ftps",
                 "clientAddress":"192.0.2.8","reason":"bad_credentials"}}""";
        assertEquals("t acme bob ftps 192.0.2.8 login.failed - - FAILED bad_credentials",
                AuditVerbs.line(JSON.readTree(event)));
    }

    @Test
    void anAdminChangeShowsItsActionAndWhoItWasDoneTo() throws Exception {
        String event = """
                {"type":"dev.wharf.admin.changed","source":"/keycloak","time":"t","data":{"tenant":"acme",
                 "user":"admin","protocol":"http","clientAddress":"127.0.0.1","reason":"ok",
                 "action":"credential.reset","actor":"admin","target":"carol"}}""";
        assertEquals("t acme admin→carol http 127.0.0.1 credential.reset - - ok ok",
                AuditVerbs.line(JSON.readTree(event)));
    }

    @Test
    void sinceIsADurationBackOrAnInstant() {
        Instant oneHourAgo = AuditVerbs.since("1h");
        assertTrue(Math.abs(Duration.between(oneHourAgo, Instant.now().minus(Duration.ofHours(1))).toSeconds()) < 5);
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), AuditVerbs.since("2026-12-01T00:00:00Z"));
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class, () -> AuditVerbs.since("yesterday")).exitCode());
    }
}
