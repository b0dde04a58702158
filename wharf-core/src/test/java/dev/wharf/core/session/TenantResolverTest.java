package dev.wharf.core.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TenantResolverTest {
    private final TenantResolver resolver = new TenantResolver("files.example.com", "demo");

    @Test
    void hostNameWinsOverQualifiedUserAndDefault() {
        var r = resolver.resolve("acme.files.example.com", "alice@other.files.example.com");
        assertEquals("acme", r.tenant());
        assertEquals("alice", r.username());
    }

    @Test
    void qualifiedUserNameNamesTheTenant() {
        var r = resolver.resolve(null, "alice@ACME.files.example.com.");
        assertEquals("acme", r.tenant());
        assertEquals("alice", r.username());
    }

    @Test
    void otherDomainsStayPartOfTheUserName() {
        var r = resolver.resolve(null, "alice@example.org");
        assertEquals("demo", r.tenant());
        assertEquals("alice@example.org", r.username());
    }

    @Test
    void defaultTenantLast() {
        assertEquals("demo", resolver.resolve(null, "bob").tenant());
        assertNull(new TenantResolver("files.example.com", null).resolve(null, "bob").tenant());
    }

    @Test
    void labelsThatAreNoTenantIdAreIgnored() {
        assertNull(resolver.tenantOfHost("a.b.files.example.com"));
        assertNull(resolver.tenantOfHost("files.example.com"));
        assertNull(resolver.tenantOfHost("-x.files.example.com"));
    }
}
