package dev.wharf.core.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantResolverTest {
    private final TenantResolver resolver = new TenantResolver("files.example.com", "demo");

    @Test
    void hostNameWinsOverQualifiedUserAndDefault() {
        var r = resolver.resolve("acme.files.example.com", "alice@other.files.example.com");
        assertEquals("acme", r.tenant());
        assertEquals("alice", r.username());
    }

    @Test
    void theBaseDomainItselfIsRecognisedAndNamesNoTenant() {
        assertTrue(resolver.isBaseDomain("files.example.com"));
        assertTrue(resolver.isBaseDomain("Files.Example.com."));
        assertFalse(resolver.isBaseDomain("acme.files.example.com"));
        assertFalse(resolver.isBaseDomain("example.com"));
        assertEquals(null, resolver.tenantOfHost("files.example.com"));
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

    @Test
    void aTenantsOwnHostNameNamesIt() {
        java.util.List<String> asked = new java.util.ArrayList<>();
        TenantResolver own = new TenantResolver("files.example.com", "demo", host -> {
            asked.add(host);
            return host.equals("ftp.acme.com") ? java.util.Optional.of("acme") : java.util.Optional.empty();
        });
        assertEquals("acme", own.resolve("FTP.acme.com.", "alice").tenant(), "SNI or HOST");
        var qualified = own.resolve(null, "alice@ftp.acme.com");
        assertEquals("acme", qualified.tenant());
        assertEquals("alice", qualified.username());
        var unknown = own.resolve(null, "alice@example.org");
        assertEquals("demo", unknown.tenant());
        assertEquals("alice@example.org", unknown.username());
        assertEquals("globex", own.withDefaultTenant("globex").resolve(null, "bob").tenant());
        assertEquals("acme", own.withDefaultTenant("globex").tenantOfHost("ftp.acme.com"), "the lookup is kept");

        asked.clear();
        for (String notAName : new String[] {"127.0.0.1", "[::1]", "files.example.com", "x", "a..b", "-a.com", ""}) {
            own.tenantOfHost(notAName);
        }
        assertEquals(java.util.List.of(), asked, "only DNS names outside the base domain are looked up");
    }
}
