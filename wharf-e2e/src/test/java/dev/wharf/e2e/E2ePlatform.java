package dev.wharf.e2e;

import dev.wharf.launcher.Platform;
import dev.wharf.launcher.PlatformPlan;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole platform as {@code ./wharf up} runs it (same launcher, same packaged services), on free loopback
 * ports, started once for this module's test JVM and stopped when it exits. System property
 * {@code wharf.e2e.tenancy} ({@code realms}|{@code organizations}; unset: the launcher's default) runs it with that
 * tenancy model, as {@code WHARF_TENANCY} does for {@code ./wharf up}.
 */
public final class E2ePlatform {
    /** The realm of every tenant in the organizations model (identity's {@code wharf.identity.tenant-realm}). */
    public static final String TENANTS_REALM = "wharf";
    private static E2ePlatform instance;

    private final Platform platform;
    /** Every app of the platform exports its traces here (TracingEndToEndIT reads them). */
    private final OtlpReceiver traces = new OtlpReceiver();
    private final String demoPassword = "E2e-" + UUID.randomUUID();

    private E2ePlatform() {
        Path runDir = Path.of(System.getProperty("user.dir"), "target", "platform-" + UUID.randomUUID().toString()
                .substring(0, 8));
        // every app and Keycloak export their spans to the test's receiver
        PlatformPlan.Builder builder = PlatformPlan.withFreePorts(runDir, demoPassword).tracingEndpoint(traces.endpoint());
        for (String app : List.of(Platform.IDENTITY, Platform.POLICY, Platform.STORAGE, Platform.GATEWAY_FTP,
                Platform.GATEWAY_SFTP, Platform.GATEWAY_WEB)) {
            // export within a fraction of a second: the test waits for spans, not the 5 s default batch
            builder.property(app, "quarkus.otel.bsp.schedule.delay", "200ms");
        }
        builder
                // tests choose client addresses with PROXY headers, as a load balancer would send them: only
                // connections from 127.0.0.2 (the tests' "balancer") must carry one; other clients connect from
                // 127.0.0.1 without header (a data connection cannot tell "no header" from "header not yet sent")
                .property(Platform.GATEWAY_FTP, "wharf.ftp.proxy-protocol.trusted-cidrs", ProxiedClients.BALANCER + "/32")
                .property(Platform.GATEWAY_SFTP, "wharf.sftp.proxy-protocol.trusted-cidrs", ProxiedClients.BALANCER + "/32")
                // Commons Net's FTPSClient opens each data connection with a new TLS session; curl, lftp and
                // FileZilla resume the control session (gateway-ftp's own tests run them with reuse required)
                .property(Platform.GATEWAY_FTP, "wharf.ftp.require-tls-session-reuse", "false")
                // the operator permits active mode, so that each tenant's own setting decides (off by default)
                .property(Platform.GATEWAY_FTP, "wharf.ftp.active-enabled", "true")
                // a few failures ban an address; the tests' own loopback mistakes never do
                .property(Platform.POLICY, "wharf.policy.defender.max-failures", "5")
                .property(Platform.POLICY, "wharf.policy.defender.exempt-cidrs", "127.0.0.0/8,::1/128")
                // short grants: the gateways renew them many times during the suite, and expiry is testable
                .property(Platform.IDENTITY, "wharf.identity.grants.lifetime", "PT15S");
        tenancy().ifPresent(builder::tenancy);
        PlatformPlan plan = builder.build();
        platform = Platform.start(plan, line -> System.out.println("[platform] " + line));
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "e2e-platform-stop"));
    }

    /** The platform of this test JVM, started on first use (public for the tests of dev.wharf.e2e.cli). */
    public static synchronized E2ePlatform get() {
        if (instance == null) {
            try {
                instance = new E2ePlatform();
            } catch (RuntimeException first) {
                // one more start on fresh ports: a port taken between choosing and binding it, on a busy machine
                System.out.println("[platform] start failed, trying once more: " + first);
                instance = new E2ePlatform();
            }
        }
        return instance;
    }

    /** The tenancy model asked for with {@code -Dwharf.e2e.tenancy}, if any. */
    public static Optional<String> tenancy() {
        return Optional.ofNullable(System.getProperty("wharf.e2e.tenancy")).map(String::trim).filter(t -> !t.isEmpty());
    }

    /** Whether tenants are organizations of realm {@code wharf} in this run. */
    public static boolean organizations() {
        return tenancy().orElse(dev.wharf.core.tenant.Tenancy.DEFAULT).equals(PlatformPlan.ORGANIZATIONS);
    }

    /** The Keycloak realm a tenant's users sign in at in this run. */
    public static String realmOf(String tenant) {
        return organizations() ? TENANTS_REALM : tenant;
    }

    int ftpExplicitPort() {
        return platform.plan().ftpExplicitPorts().getFirst();
    }

    int ftpImplicitPort() {
        return platform.plan().ftpImplicitPorts().getFirst();
    }

    int sftpPort() {
        return platform.plan().sftpPort();
    }

    String demoPassword() {
        return demoPassword;
    }

    /** The launcher's platform: ports, run folder, Keycloak (for the CLI tests in dev.wharf.e2e.cli). */
    public Platform platform() {
        return platform;
    }

    /** identity-service's admin API as a platform operator. */
    AdminApi admin() {
        return new AdminApi(platform.identityUrl(), platform.operatorToken());
    }

    /** The spans every app exported so far. */
    OtlpReceiver traces() {
        return traces;
    }

    AuditLog auditLog() {
        return new AuditLog(platform.kafka().bootstrapServers(), platform.plan().auditTopic());
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every event of one session: key and who/where fields right, and the expected types in this order. */
    static void assertSessionEvents(List<AuditLog.Entry> events, String protocol, List<String> expectedTypes) {
        assertEquals(expectedTypes, events.stream().map(AuditLog.Entry::type)
                .filter(expectedTypes::contains).toList(), "event types of the session, in order");
        for (AuditLog.Entry e : events) {
            assertEquals("demo", e.key(), "record key is the tenant id");
            assertEquals("1.0", e.event().path("specversion").asText());
            assertEquals("demo", e.data().path("tenant").asText(), e.type());
            assertEquals(protocol, e.data().path("protocol").asText(), e.type());
            assertEquals("127.0.0.1", e.data().path("clientAddress").asText(), e.type());
            if (!e.type().equals("dev.wharf.session.opened")) {
                assertEquals("demo", e.data().path("user").asText(), e.type());
            }
        }
    }
}
