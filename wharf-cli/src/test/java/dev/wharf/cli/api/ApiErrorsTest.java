package dev.wharf.cli.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.cli.ExitCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiErrorsTest {
    private final ObjectMapper json = new ObjectMapper();
    private final Connection operator = new Connection("http://i", "http://p", "http://k", "master", "admin", "pw",
            null, null, null);

    @Test
    void theServicesReasonAndMessageAreKeptAndHintsNameTheFix() throws Exception {
        ApiException e = ApiErrors.from("identity-service", "GET", "/v1/admin/tenants/x/users", 404,
                json.readTree("{\"reason\":\"unknown_tenant\",\"message\":\"no tenant x\"}"), operator);
        assertEquals("unknown_tenant", e.reason());
        assertEquals("no tenant x", e.getMessage());
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertTrue(e.hints().getFirst().contains("wharf tenant list"), e.hints().toString());
    }

    @Test
    void statusDecidesTheExitCode() throws Exception {
        assertEquals(ExitCode.UNREACHABLE, ApiErrors.from("s", "GET", "/", 401, json.readTree("{}"), operator)
                .exitCode());
        ApiException down = ApiErrors.from("s", "GET", "/", 503,
                json.readTree("{\"reason\":\"service_unavailable\",\"message\":\"Keycloak down\"}"), operator);
        assertEquals(ExitCode.UNREACHABLE, down.exitCode());
        ApiException denied = ApiErrors.from("s", "GET", "/", 403, json.readTree("{}"), new Connection("i", "p", "k",
                "acme", "boss", "pw", null, null, null));
        assertEquals(ExitCode.REFUSED, denied.exitCode());
        assertEquals("permission_denied", denied.reason());
        assertTrue(denied.hints().getFirst().contains("tenant acme"), denied.hints().toString());
    }

    @Test
    void aMissingRouteIsNotAMissingUser() throws Exception {
        ApiException e = ApiErrors.from("identity-service", "GET", "/v1/admin/tenants/a/users/b/sharing?protocol=sftp",
                405, json.createObjectNode(), operator);
        assertEquals("not_supported", e.reason());
        assertEquals("identity-service has no GET /v1/admin/tenants/a/users/b/sharing", e.getMessage());
        assertEquals(ExitCode.REFUSED, e.exitCode());
    }
}
