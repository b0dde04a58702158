package dev.wharf.api.http;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceErrorsTest {
    private static WharfException map(int status, String body) {
        return ServiceErrors.of("storage-service", "GET /v1/tenants/acme/stat", status,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({
            "404, not_found, NOT_FOUND",
            "409, directory_not_empty, DIRECTORY_NOT_EMPTY",
            "409, already_exists, ALREADY_EXISTS",
            "400, invalid_path, INVALID_PATH",
            "416, invalid_offset, INVALID_OFFSET",
            "403, permission_denied, PERMISSION_DENIED",
            "400, a_code_from_a_newer_service, INTERNAL_ERROR",
            "400, ok, INTERNAL_ERROR",
    })
    void errorBodiesKeepTheirReason(int status, String code, Reason expected) {
        WharfException e = map(status, "{\"reason\":\"" + code + "\",\"message\":\"details here\"}");
        assertEquals(expected, e.reason());
        assertTrue(e.getMessage().contains("details here"), e.getMessage());
        assertTrue(e.getMessage().contains("storage-service answered " + status), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"500", "502", "503", "504"})
    void serverErrorsMeanUnavailableWhateverTheBody(int status) {
        assertEquals(Reason.SERVICE_UNAVAILABLE, map(status, "{\"reason\":\"internal_error\",\"message\":\"m\"}").reason());
        assertEquals(Reason.SERVICE_UNAVAILABLE, map(status, "<html>Bad Gateway</html>").reason());
        assertEquals(Reason.SERVICE_UNAVAILABLE, map(status, null).reason());
    }

    @ParameterizedTest
    @CsvSource({
            "400, BAD_REQUEST",
            "401, PERMISSION_DENIED",
            "403, PERMISSION_DENIED",
            "404, NOT_FOUND",
            "405, INTERNAL_ERROR",
            "409, ALREADY_EXISTS",
            "416, INVALID_OFFSET",
            "429, SERVICE_UNAVAILABLE",
    })
    void bodilessClientErrorsAreReadByStatus(int status, Reason expected) {
        assertEquals(expected, map(status, null).reason());
        assertEquals(expected, map(status, "<html><body>Not here</body></html>").reason());
        assertEquals(expected, map(status, "{\"error\":\"json, but not ours\"}").reason());
    }

    @Test
    void longForeignBodiesAreShortenedInTheMessage() {
        WharfException e = map(404, "x".repeat(5000));
        assertTrue(e.getMessage().length() < 400, e.getMessage());
    }
}
