package dev.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServiceConfigTest {

    private static final String ADMIN_SECRET = "kc-secret-1";
    private static final String S3_SECRET = "s3-secret-2";
    private static final String STATE_KEY = "state-key-3";
    private static final String GATEWAY_SECRET = "gateway-secret-4";

    private final PlatformPlan plan = PlatformPlan.defaults(Path.of("/run"), "demo-pw")
            .storageBackend(PlatformPlan.S3)
            .property(Platform.GATEWAY_FTP, "wharf.services.timeout", "PT3S")
            .build();
    private final ServiceConfig.Wiring wiring = new ServiceConfig.Wiring(plan, "127.0.0.1:9092",
            "http://127.0.0.1:8180", "admin", ADMIN_SECRET,
            new ServiceConfig.S3("http://127.0.0.1:9000", "AK", S3_SECRET),
            Path.of("/run/tls/certificate.pem"), Path.of("/run/tls/private-key.pem"), STATE_KEY, GATEWAY_SECRET,
            Path.of("/run/secrets/grant-signing-key.pem"));

    @Test
    void identityAndTheGatewaysShareTheServiceCredentialAndStorageVerifiesIdentitysGrants() {
        assertEquals(GATEWAY_SECRET, ServiceConfig.of(Platform.IDENTITY, wiring).environment()
                .get("WHARF_IDENTITY_GATEWAYS_CLIENT_SECRET"));
        assertEquals("/run/secrets/grant-signing-key.pem", ServiceConfig.of(Platform.IDENTITY, wiring).properties()
                .get("wharf.identity.grants.signing-key-files"));
        for (String gateway : new String[] {Platform.GATEWAY_FTP, Platform.GATEWAY_SFTP}) {
            ServiceConfig c = ServiceConfig.of(gateway, wiring);
            assertEquals(GATEWAY_SECRET, c.environment().get("WHARF_SERVICES_CREDENTIAL_CLIENT_SECRET"), gateway);
            assertEquals("http://127.0.0.1:8180/realms/master/protocol/openid-connect/token",
                    c.properties().get("wharf.services.credential.token-url"), gateway);
        }
        assertEquals("http://127.0.0.1:" + plan.identityPort() + "/v1/grants/keys",
                ServiceConfig.of(Platform.STORAGE, wiring).properties().get("wharf.storage.grants.keys-url"));
        assertFalse(ServiceConfig.of(Platform.POLICY, wiring).environment().containsValue(GATEWAY_SECRET),
                "policy-service needs no secret: it verifies tokens with Keycloak's public keys");
    }

    @Test
    void secretsGoToTheEnvironmentNeverToSystemProperties() {
        for (String module : new String[] {Platform.IDENTITY, Platform.POLICY, Platform.STORAGE,
                Platform.GATEWAY_FTP, Platform.GATEWAY_SFTP}) {
            ServiceConfig config = ServiceConfig.of(module, wiring);
            assertFalse(config.properties().containsValue(ADMIN_SECRET), module);
            assertFalse(config.properties().containsValue(S3_SECRET), module);
            assertFalse(config.properties().containsValue("demo-pw"), module);
            assertFalse(config.properties().containsValue(STATE_KEY), module);
            assertFalse(config.properties().containsValue(GATEWAY_SECRET), module);
            assertEquals("local", config.properties().get("quarkus.profile"), module);
            assertEquals("127.0.0.1:9092", config.properties().get("wharf.audit.bootstrap-servers"), module);
        }
        assertEquals(ADMIN_SECRET, ServiceConfig.of(Platform.IDENTITY, wiring).environment()
                .get("WHARF_KEYCLOAK_ADMIN_PASSWORD"));
        assertEquals(S3_SECRET, ServiceConfig.of(Platform.STORAGE, wiring).environment()
                .get("WHARF_STORAGE_S3_SECRET_KEY"));
    }

    @Test
    void gatewaysGetServiceUrlsTenancyAndTheirListeners() {
        Map<String, String> ftp = ServiceConfig.of(Platform.GATEWAY_FTP, wiring).properties();
        assertEquals("http://127.0.0.1:8081", ftp.get("wharf.services.identity-url"));
        assertEquals("http://127.0.0.1:8082", ftp.get("wharf.services.policy-url"));
        assertEquals("http://127.0.0.1:8083", ftp.get("wharf.services.storage-url"));
        assertEquals("demo", ftp.get("wharf.tenancy.default-tenant"));
        assertEquals("localhost", ftp.get("wharf.tenancy.base-domain"));
        assertEquals("2121,3021", ftp.get("wharf.ftp.explicit-ports"));
        assertEquals("2990,3990", ftp.get("wharf.ftp.implicit-ports"));
        assertEquals("40000-50000", ftp.get("wharf.ftp.passive-ports"));
        assertEquals("/run/tls/private-key.pem", ftp.get("wharf.tls.private-key"));
        assertEquals("PT3S", ftp.get("wharf.services.timeout"), "the plan's extra properties win");

        Map<String, String> sftp = ServiceConfig.of(Platform.GATEWAY_SFTP, wiring).properties();
        assertEquals("2222", sftp.get("wharf.sftp.port"));
        assertEquals("2022", sftp.get("wharf.sftp.alternate-port"));
        assertEquals("/run/ssh", sftp.get("wharf.sftp.host-key-dir"));
        assertFalse(sftp.containsKey("wharf.services.timeout"), "extra properties are per module");
    }

    @Test
    void webGatewayServesThePortalWithTheFtpsCertificateAndSignsInAtThisKeycloak() {
        Map<String, String> web = ServiceConfig.of(Platform.GATEWAY_WEB, wiring).properties();
        Map<String, String> ftp = ServiceConfig.of(Platform.GATEWAY_FTP, wiring).properties();
        assertEquals(ftp.get("wharf.tls.certificate"), web.get("wharf.tls.certificate"));
        assertEquals(ftp.get("wharf.tls.private-key"), web.get("wharf.tls.private-key"));
        assertEquals("8443", web.get("wharf.web.port"));
        assertEquals("http://127.0.0.1:8180", web.get("wharf.web.keycloak-url"));
        assertEquals("http://127.0.0.1:8081", web.get("wharf.services.identity-url"));
        assertEquals(GATEWAY_SECRET, ServiceConfig.of(Platform.GATEWAY_WEB, wiring).environment()
                .get("WHARF_SERVICES_CREDENTIAL_CLIENT_SECRET"));
        assertEquals("8443", ServiceConfig.of(Platform.IDENTITY, wiring).properties()
                .get("wharf.identity.sharing.web-port"), "the web client's redirect addresses name the portal's port");
    }

    @Test
    void identityTellsUsersThisPlatformsPortsAndSharesItsState() {
        ServiceConfig identity = ServiceConfig.of(Platform.IDENTITY, wiring);
        assertEquals("2121", identity.properties().get("wharf.identity.sharing.ftps-port"));
        assertEquals("2990", identity.properties().get("wharf.identity.sharing.ftps-implicit-port"));
        assertEquals("2222", identity.properties().get("wharf.identity.sharing.sftp-port"));
        assertEquals("2022", identity.properties().get("wharf.identity.sharing.sftp-alternate-port"));
        assertEquals("localhost", identity.properties().get("wharf.identity.sharing.base-domain"));
        assertEquals("127.0.0.1:9092", identity.properties().get("wharf.state.bootstrap-servers"));
        assertEquals(STATE_KEY, identity.environment().get("WHARF_IDENTITY_SHARED_STATE_KEY"));
        assertEquals("http://127.0.0.1:8083", identity.properties().get("wharf.identity.storage.url"),
                "a deleted tenant's files are removed through storage-service");
        assertEquals("127.0.0.1:9092",
                ServiceConfig.of(Platform.POLICY, wiring).properties().get("wharf.state.bootstrap-servers"));
    }

    @Test
    void storageGetsBackendAndS3Endpoint() {
        Map<String, String> storage = ServiceConfig.of(Platform.STORAGE, wiring).properties();
        assertEquals("s3", storage.get("wharf.storage.backend"));
        assertEquals("http://127.0.0.1:9000", storage.get("wharf.storage.s3.endpoint"));
        assertEquals("wharf", storage.get("wharf.storage.s3.bucket"));
        assertEquals("/run/data/storage", storage.get("wharf.storage.local.root"));
    }

    @Test
    void theTenancySwitchReachesEveryServiceThatReadsTenantsOnlyWhenSet() {
        for (String module : new String[] {Platform.IDENTITY, Platform.POLICY, Platform.GATEWAY_WEB,
                Platform.STORAGE, Platform.GATEWAY_FTP}) {
            assertFalse(ServiceConfig.of(module, wiring).properties().keySet().stream()
                    .anyMatch(k -> k.endsWith(".tenancy")), module + ": each service's own default");
        }
        PlatformPlan orgs = PlatformPlan.defaults(Path.of("/run"), "demo-pw").tenancy(PlatformPlan.ORGANIZATIONS)
                .build();
        ServiceConfig.Wiring w = new ServiceConfig.Wiring(orgs, "127.0.0.1:9092", "http://127.0.0.1:8180", "admin",
                ADMIN_SECRET, null, Path.of("/run/tls/certificate.pem"), Path.of("/run/tls/private-key.pem"),
                STATE_KEY, GATEWAY_SECRET, Path.of("/run/secrets/grant-signing-key.pem"));
        assertEquals("organizations", ServiceConfig.of(Platform.IDENTITY, w).properties().get("wharf.identity.tenancy"));
        assertEquals("organizations", ServiceConfig.of(Platform.POLICY, w).properties().get("wharf.keycloak.tenancy"));
        assertEquals("organizations", ServiceConfig.of(Platform.GATEWAY_WEB, w).properties().get("wharf.web.tenancy"));
        assertFalse(ServiceConfig.of(Platform.GATEWAY_SFTP, w).properties().keySet().stream()
                .anyMatch(k -> k.endsWith(".tenancy")), "the FTP and SFTP gateways know tenants by id only");
        assertThrows(IllegalArgumentException.class,
                () -> PlatformPlan.defaults(Path.of("/run"), "pw").tenancy("realm"));
    }

    @Test
    void unknownModuleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ServiceConfig.of("billing-service", wiring));
    }
}
