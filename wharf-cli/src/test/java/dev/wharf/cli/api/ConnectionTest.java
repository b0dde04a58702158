package dev.wharf.cli.api;

import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionTest {
    @TempDir
    Path runDir;

    @Test
    void theLocalPlatformNeedsNoSetUp() throws Exception {
        Path file = runDir.resolve("data/keycloak/admin-password");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "s3cret\n");
        Connection c = Connection.resolve(Map.of(), Map.of("WHARF_PORT_IDENTITY", "18081"), runDir);
        assertEquals("http://127.0.0.1:18081", c.identityUrl());
        assertEquals("http://127.0.0.1:8082", c.policyUrl());
        assertEquals("http://127.0.0.1:8180", c.keycloakUrl());
        assertEquals("master", c.realm());
        assertEquals("admin", c.user());
        assertEquals("s3cret", c.password());
        assertFalse(c.tenantRealm());
        assertFalse(c.toString().contains("s3cret"), "toString never shows the password");
    }

    @Test
    void optionsWinOverTheEnvironmentAndTheLocalFileIsNotUsedForOtherUsers() throws Exception {
        Path file = runDir.resolve("data/keycloak/admin-password");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "s3cret");
        Map<String, String> env = Map.of("WHARF_IDENTITY_URL", "https://id.example.com/", "WHARF_REALM", "acme",
                "WHARF_USER", "boss", "WHARF_KEYCLOAK_URL", "https://kc.example.com");
        Connection c = Connection.resolve(Map.of("identity-url", "https://other.example.com"), env, runDir);
        assertEquals("https://other.example.com", c.identityUrl());
        assertEquals("https://kc.example.com", c.keycloakUrl());
        assertEquals("acme", c.realm());
        assertEquals("boss", c.user());
        assertNull(c.password(), "the operator's local password is never sent for another user or realm");
        assertTrue(c.tenantRealm());
    }

    @Test
    void theTokenRequestIsAPasswordGrantOfWharfAdmin() {
        Connection c = new Connection("http://i", "http://p", "http://127.0.0.1:8180", "acme", "boss",
                "p&ss=wörd +1", null, null, null);
        HttpRequest r = TokenRequest.build(c, Duration.ofSeconds(5));
        assertEquals("http://127.0.0.1:8180/realms/acme/protocol/openid-connect/token", r.uri().toString());
        assertEquals("boss", c.signInUser());
        assertEquals("POST", r.method());
        assertEquals("application/x-www-form-urlencoded", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("grant_type=password&client_id=wharf-admin&username=boss&password=p%26ss%3Dw%C3%B6rd+%2B1",
                TokenRequest.form("boss", "p&ss=wörd +1"));
        assertEquals("http://k/realms/a%2Fb/protocol/openid-connect/token",
                TokenRequest.endpoint("http://k", "a/b").toString(), "the realm is one path segment");
    }

    @Test
    void withOrganizationsATenantAdministratorSignsInAtTheSharedRealmWithTheTenantPrefix() throws Exception {
        Map<String, String> env = Map.of("WHARF_REALM", "acme", "WHARF_USER", "boss", "WHARF_PASSWORD", "pw",
                "WHARF_TENANCY", "organizations", "WHARF_KEYCLOAK_URL", "http://127.0.0.1:8180");
        Connection c = Connection.resolve(Map.of(), env, null);
        HttpRequest r = TokenRequest.build(c, Duration.ofSeconds(5));
        // issue 17: one realm "wharf", user <tenant>.<name>
        assertEquals("http://127.0.0.1:8180/realms/wharf/protocol/openid-connect/token", r.uri().toString());
        assertEquals("acme.boss", c.signInUser());
        assertEquals("acme", c.realm(), "the tenant stays the CLI's --realm");
        Connection operator = Connection.resolve(Map.of(), Map.of("WHARF_TENANCY", "organizations",
                "WHARF_PASSWORD", "pw"), null);
        assertEquals("master", operator.signInRealm(), "operators stay in master");
        assertEquals("admin", operator.signInUser());
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class, () -> Connection.resolve(Map.of(),
                Map.of("WHARF_TENANCY", "realm"), null)).exitCode());
    }

    @Test
    void pathSegmentsAreEncoded() {
        assertEquals("2001:db8::1", UrlPaths.segment("2001:db8::1"));
        assertEquals("a%20b%2F..%3F", UrlPaths.segment("a b/..?"));
    }
}
