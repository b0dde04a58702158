package dev.wharf.web.files;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenRolesTest {
    private static String jwt(String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void theRealmRolesOfTheToken() {
        assertEquals(Set.of("wharf-tenant-admin"),
                TokenRoles.of(jwt("{\"realm_access\":{\"roles\":[\"wharf-tenant-admin\"]}}")));
        assertEquals(Set.of(), TokenRoles.of(jwt("{\"sub\":\"x\"}")));
    }

    @Test
    void nothingForWhatIsNotAJwt() {
        assertEquals(Set.of(), TokenRoles.of(null));
        assertEquals(Set.of(), TokenRoles.of("opaque"));
        assertEquals(Set.of(), TokenRoles.of("a.%%%.c"));
    }
}
