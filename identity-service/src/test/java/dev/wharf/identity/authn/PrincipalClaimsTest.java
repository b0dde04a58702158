package dev.wharf.identity.authn;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.core.identity.Principal;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrincipalClaimsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyClaimIsRead() throws Exception {
        Principal p = PrincipalClaims.principal("acme", "Alice", JSON.readTree("""
                {"sub":"id-1","preferred_username":"alice","wharf_home":"/in/alice",
                 "wharf_protocols":"sftp, ftps","wharf_cidrs":"192.0.2.0/24,2001:db8::/32",
                 "groups":["ops","/partners"]}"""));
        assertEquals(new Principal("acme", "alice", "id-1", List.of("ops", "partners"), "/in/alice",
                List.of("sftp", "ftps"), List.of("192.0.2.0/24", "2001:db8::/32")), p);
    }

    @Test
    void missingClaimsMeanDefaultsAndNoRestrictions() throws Exception {
        Principal p = PrincipalClaims.principal("acme", "bob", JSON.readTree("{\"sub\":\"id-2\"}"));
        assertEquals(new Principal("acme", "bob", "id-2", List.of(), "/bob", List.of(), List.of()), p);
    }

    @Test
    void blankClaimsCountAsMissing() throws Exception {
        Principal p = PrincipalClaims.principal("acme", "bob", JSON.readTree("""
                {"sub":"id-2","preferred_username":"bob","wharf_home":" ","wharf_protocols":"","wharf_cidrs":" , "}"""));
        assertEquals("/bob", p.home());
        assertEquals(List.of(), p.allowedProtocols());
        assertEquals(List.of(), p.allowedCidrs());
    }
}
