package dev.wharf.web.signin;

import dev.wharf.core.session.TenantResolver;
import dev.wharf.core.tenant.Tenancy;
import dev.wharf.web.WebConfig;
import io.quarkus.oidc.OidcTenantConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where each tenant's browsers sign in, in both tenancy models (docs/TENANCY.md). */
class PortalTenantsTest {
    private static final String KEYCLOAK = "https://id.example.test";

    private static PortalTenants portal(Tenancy tenancy) {
        WebConfig config = new WebConfig() {
            public int port() { return 8443; }
            public String maxUploadSize() { return "10G"; }
            public String keycloakUrl() { return KEYCLOAK + "/"; }
            public String clientId() { return "wharf-web"; }
            public Tenancy tenancy() { return tenancy; }
            public String tenantRealm() { return "wharf"; }
            public String adminRealm() { return "master"; }
            public Optional<String> sessionSecret() { return Optional.of("s".repeat(40)); }
        };
        return new PortalTenants(new TenantResolver("files.example.test", "default-tenant"), config,
                new WebSecrets(config));
    }

    @Test
    void realmTenantsSignInAtTheirOwnRealmAsBefore() {
        PortalTenants portal = portal(Tenancy.REALMS);
        OidcTenantConfig northwind = portal.signIn("northwind");
        assertEquals(Optional.of(KEYCLOAK + "/realms/northwind"), northwind.authServerUrl());
        assertEquals(Optional.of("wharf-web"), northwind.clientId());
        assertEquals(Map.of(), northwind.authentication().extraParams());
        assertEquals("northwind.alice", portal.loginName("northwind.files.example.test", "northwind.alice"),
                "a realm tenant's names are taken as they are");
    }

    @Test
    void organizationTenantsSignInAtTheTenantRealmNamingTheirTenant() {
        PortalTenants portal = portal(Tenancy.ORGANIZATIONS);
        OidcTenantConfig northwind = portal.signIn("northwind");
        assertEquals(Optional.of(KEYCLOAK + "/realms/wharf"), northwind.authServerUrl());
        assertEquals(Optional.of("northwind"), northwind.tenantId());
        assertEquals(Map.of(PortalTenants.TENANT_PARAM, "northwind"), northwind.authentication().extraParams());
        assertEquals(Map.of(PortalTenants.TENANT_PARAM, "acme"), portal.signIn("acme").authentication().extraParams());
    }

    @Test
    void theBaseDomainIsTheOperatorConsoleSignedInAtTheAdminRealm() {
        for (Tenancy tenancy : Tenancy.values()) {
            PortalTenants portal = portal(tenancy);
            assertTrue(portal.isOperatorConsole("files.example.test"));
            assertTrue(portal.isOperatorConsole("FILES.example.test."));
            assertFalse(portal.isOperatorConsole("northwind.files.example.test"));
            assertFalse(portal.isOperatorConsole("example.test"));
            assertNull(portal.tenantOfHost("files.example.test"), "no tenant's host");
            OidcTenantConfig console = portal.operatorSignIn();
            assertEquals(Optional.of(KEYCLOAK + "/realms/master"), console.authServerUrl());
            assertEquals(Optional.of("wharf-web"), console.clientId());
            assertEquals(Map.of(), console.authentication().extraParams(), "no tenant named");
            assertEquals(Optional.of(true), console.authentication().pkceRequired());
        }
    }

    @Test
    void theTenantPrefixIsDroppedOnlyForTheHostsOwnTenant() {
        PortalTenants portal = portal(Tenancy.ORGANIZATIONS);
        String host = "northwind.files.example.test";
        assertEquals("alice", portal.loginName(host, "northwind.alice"));
        assertEquals("alice.smith", portal.loginName(host, "northwind.alice.smith"));
        assertEquals("acme.alice", portal.loginName(host, "acme.alice"), "another tenant's user stays whole");
        assertEquals("alice", portal.loginName(host, "alice"));
        assertNull(portal.tenantOfHost(""), "never the default tenant");
    }
}
