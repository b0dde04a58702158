package dev.wharf.policy.keycloak;

import dev.wharf.core.tenant.Tenancy;
import dev.wharf.launcher.KeycloakServer;
import dev.wharf.launcher.TestComponents;
import dev.wharf.policy.address.IpAddresses;
import dev.wharf.policy.site.SiteRules;
import dev.wharf.policy.testing.KeycloakOrganizations;
import dev.wharf.policy.testing.KeycloakRealms;
import dev.wharf.policy.testing.PolicyTestResource;
import dev.wharf.tenancy.AddressRule;
import dev.wharf.tenancy.RealmAttributes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both tenancy models read from a real Keycloak: organizations of realm {@code wharf} with their {@code /<tenant>}
 * groups (and a marked realm tenant not moved yet), and, by default, one realm per tenant that knows nothing of
 * organizations. The service itself runs the default; the organizations reader is built here (a test profile would
 * restart the application).
 */
@QuarkusTest
@QuarkusTestResource(PolicyTestResource.class)
class TenantSettingsReaderTest {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    private static final String ORG = "org-" + SUFFIX;
    private static final String OTHER = "other-" + SUFFIX;
    private static final String REALM = "realm-" + SUFFIX;
    private static final String UNMARKED = "unmarked-" + SUFFIX;

    /** The service's own configuration: the defaults, as PolicyTestResource sets no tenancy. */
    @Inject
    KeycloakConfig service;

    @BeforeAll
    static void tenants() {
        KeycloakOrganizations.create(ORG, Map.of(RealmAttributes.ALLOWED_CIDRS, "203.0.113.0/24,2001:db8:1::/48",
                RealmAttributes.PLAIN_FTP, "true", RealmAttributes.PROTOCOLS_PER_GROUP, "true",
                RealmAttributes.DENIED_COUNTRIES, "CN,RU", RealmAttributes.ADDRESS_RULE, "either",
                RealmAttributes.DISABLED_PROTOCOLS, "https"));
        KeycloakOrganizations.createGroup(ORG, "partners", Map.of(RealmAttributes.GROUP_PROTOCOLS, "ftps,sftp",
                RealmAttributes.GROUP_CIDRS, "192.0.2.0/24"));
        KeycloakOrganizations.create(OTHER, Map.of());
        KeycloakOrganizations.createGroup(OTHER, "ftp-only", Map.of(RealmAttributes.GROUP_PROTOCOLS, "ftp"));
        // a top-level group of the tenant realm named like a group of ORG's: not ORG's
        KeycloakOrganizations.createTopLevelGroup("auditors-" + SUFFIX, Map.of(RealmAttributes.GROUP_PROTOCOLS, "ftp"));
        KeycloakRealms.create(REALM, Map.of(RealmAttributes.ALLOWED_CIDRS, "198.51.100.0/24",
                RealmAttributes.PROTOCOLS_PER_GROUP, "true"));
        KeycloakRealms.createGroup(REALM, "sftp-users", Map.of(RealmAttributes.GROUP_PROTOCOLS, "sftp",
                RealmAttributes.GROUP_CIDRS, "192.0.2.0/24"));
        KeycloakRealms.createUnmarked(UNMARKED);
    }

    @AfterAll
    static void cleanUp() {
        KeycloakOrganizations.delete(ORG);
        KeycloakOrganizations.delete(OTHER);
        KeycloakOrganizations.deleteGroup("auditors-" + SUFFIX);
        KeycloakRealms.delete(REALM);
        KeycloakRealms.delete(UNMARKED);
    }

    @Test
    void organizationsReadTheOrganizationAndOnlyItsOwnGroups() {
        try (TenantSettingsReader reader = new TenantSettingsReader(config(Tenancy.ORGANIZATIONS))) {
            SiteRules rules = reader.settings(ORG).orElseThrow();
            assertTrue(rules.plainFtpAllowed());
            assertTrue(rules.allowedCidrs().contains(IpAddresses.parseAddress("203.0.113.9")));
            assertTrue(rules.allowedCidrs().contains(IpAddresses.parseAddress("2001:db8:1::9")));
            assertFalse(rules.allowedCidrs().contains(IpAddresses.parseAddress("198.51.100.9")));
            assertEquals(Set.of("CN", "RU"), rules.deniedCountries());
            assertEquals(Map.of("partners", Set.of("ftps", "sftp")), rules.groupProtocols());
            assertEquals(AddressRule.EITHER, rules.addressRule());
            assertEquals(Set.of("https"), rules.disabledProtocols());
            assertEquals(1, rules.cidrsOf(List.of("partners")).size(), "the group's address ranges");
            assertTrue(rules.cidrsOf(List.of("partners")).get(0).contains(IpAddresses.parseAddress("192.0.2.7")));
            assertFalse(rules.groupsGrant(List.of("ftp-only", "auditors-" + SUFFIX), "ftp"),
                    "another tenant's group and the realm's own grant nothing");
            assertNoRules(reader.settings(OTHER).orElseThrow());
        }
    }

    @Test
    void organizationsStillReadAMarkedRealmTenantNotMovedYet() {
        try (TenantSettingsReader reader = new TenantSettingsReader(config(Tenancy.ORGANIZATIONS))) {
            SiteRules rules = reader.settings(REALM).orElseThrow();
            assertTrue(rules.allowedCidrs().contains(IpAddresses.parseAddress("198.51.100.9")));
            assertEquals(Map.of("sftp-users", Set.of("sftp")), rules.groupProtocols());
            assertEquals(Optional.empty(), reader.settings(UNMARKED), "a realm not marked as a tenant is none");
            assertEquals(Optional.empty(), reader.settings(KeycloakOrganizations.TENANT_REALM),
                    "the tenant realm is no tenant");
            assertEquals(Optional.empty(), reader.settings("nobody-" + SUFFIX));
        }
    }

    @Test
    void realmsReadTheRealmAndNoOrganization() {
        assertEquals(Tenancy.ORGANIZATIONS, service.tenancy(), "organizations are the default (issue 17)");
        assertEquals(KeycloakOrganizations.TENANT_REALM, service.tenantRealm());
        try (TenantSettingsReader reader = new TenantSettingsReader(config(Tenancy.REALMS))) {
            SiteRules rules = reader.settings(REALM).orElseThrow();
            assertTrue(rules.allowedCidrs().contains(IpAddresses.parseAddress("198.51.100.9")));
            assertEquals(Map.of("sftp-users", Set.of("sftp")), rules.groupProtocols());
            assertEquals(AddressRule.BOTH, rules.addressRule(), "no attribute: the stricter rule");
            assertTrue(rules.cidrsOf(List.of("sftp-users")).get(0).contains(IpAddresses.parseAddress("192.0.2.7")));
            assertNoRules(reader.settings(UNMARKED).orElseThrow()); // as before issue 17: any realm
            assertEquals(Optional.empty(), reader.settings(ORG), "an organization is no tenant in this model");
        }
    }

    private static void assertNoRules(SiteRules rules) {
        assertFalse(rules.plainFtpAllowed());
        assertFalse(rules.protocolsPerGroup());
        assertTrue(rules.allowedCidrs().isEmpty());
        assertEquals(Set.of(), rules.allowedCountries());
        assertEquals(Set.of(), rules.deniedCountries());
    }

    private static KeycloakConfig config(Tenancy tenancy) {
        KeycloakServer kc = TestComponents.keycloak();
        return new KeycloakConfig() {
            @Override
            public String url() {
                return kc.baseUrl();
            }

            @Override
            public String adminRealm() {
                return "master";
            }

            @Override
            public String adminUser() {
                return kc.adminUser();
            }

            @Override
            public String adminPassword() {
                return kc.adminPassword();
            }

            @Override
            public String tokenClientId() {
                return "admin-cli";
            }

            @Override
            public String adminClientId() {
                return "wharf-admin";
            }

            @Override
            public Tenancy tenancy() {
                return tenancy;
            }

            @Override
            public String tenantRealm() {
                return KeycloakOrganizations.TENANT_REALM;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(30);
            }
        };
    }
}
