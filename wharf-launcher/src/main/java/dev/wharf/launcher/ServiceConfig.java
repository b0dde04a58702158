package dev.wharf.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The configuration each service gets from the platform, through the shared {@code wharf.*} keys: plain values
 * as system properties, secrets as environment variables (system properties show in {@code ps}).
 */
record ServiceConfig(Map<String, String> properties, Map<String, String> environment) {

    /** What the services are wired to: the running components and the files made for them. */
    record Wiring(PlatformPlan plan, String kafkaBootstrap, String keycloakUrl, String keycloakAdminUser,
                  String keycloakAdminPassword, S3 s3, Path certificate, Path privateKey,
                  String sharedStateKey, String gatewayClientSecret, Path grantSigningKey) {
    }

    /** The S3 endpoint and keys, when the s3 backend is used. */
    record S3(String endpoint, String accessKey, String secretKey) {
    }

    static ServiceConfig of(String module, Wiring wiring) {
        return of(module, -1, wiring);
    }

    /**
     * The configuration of replica {@code ordinal} (0-based) of a gateway or service in the local cluster, or of the single
     * instance when {@code ordinal} is -1.
     */
    static ServiceConfig of(String module, int ordinal, Wiring wiring) {
        PlatformPlan plan = wiring.plan();
        Map<String, String> props = new TreeMap<>();
        Map<String, String> env = new HashMap<>();
        props.put("quarkus.profile", "local");
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("wharf.audit.enabled", "true");
        props.put("wharf.audit.bootstrap-servers", wiring.kafkaBootstrap());
        props.put("wharf.audit.topic", plan.auditTopic());
        // each process its own audit spool; it outlives the process, so a restart sends what Kafka did not take
        props.put("wharf.audit.spool.directory", plan.dataDir().resolve("spool").resolve(module).toString());
        // what a Quarkus Kafka client reads when the module does not map wharf.audit.* itself
        props.put("kafka.bootstrap.servers", wiring.kafkaBootstrap());
        switch (module) {
            case Platform.IDENTITY, Platform.POLICY -> {
                props.put("wharf.keycloak.url", wiring.keycloakUrl());
                props.put("wharf.keycloak.admin-realm", "master");
                props.put("wharf.keycloak.admin-user", wiring.keycloakAdminUser());
                props.put("wharf.keycloak.admin-client-id", Platform.ADMIN_CLIENT);
                env.put("WHARF_KEYCLOAK_ADMIN_PASSWORD", wiring.keycloakAdminPassword());
                // replicas share bans and 2FA replay state through Kafka (wharf-state)
                props.put("wharf.state.bootstrap-servers", wiring.kafkaBootstrap());
                if (Platform.IDENTITY.equals(module)) {
                    sharing(plan, props);
                    // a deleted tenant's files go with it
                    props.put("wharf.identity.storage.url", "http://127.0.0.1:" + plan.storagePort());
                    env.put("WHARF_IDENTITY_SHARED_STATE_KEY", wiring.sharedStateKey());
                    // the gateways' service account is created with this secret; grants are signed with this key
                    env.put("WHARF_IDENTITY_GATEWAYS_CLIENT_SECRET", wiring.gatewayClientSecret());
                    props.put("wharf.identity.grants.signing-key-files", wiring.grantSigningKey().toString());
                }
            }
            case Platform.STORAGE -> {
                props.put("wharf.storage.grants.keys-url", "http://127.0.0.1:" + plan.identityPort() + "/v1/grants/keys");
                props.put("wharf.storage.backend", plan.storageBackend());
                props.put("wharf.storage.local.root", plan.dataDir().resolve("storage").toString());
                if (wiring.s3() != null) {
                    props.put("wharf.storage.s3.endpoint", wiring.s3().endpoint());
                    props.put("wharf.storage.s3.region", "us-east-1");
                    props.put("wharf.storage.s3.bucket", Platform.S3_BUCKET);
                    props.put("wharf.storage.s3.path-style", "true");
                    env.put("WHARF_STORAGE_S3_ACCESS_KEY", wiring.s3().accessKey());
                    env.put("WHARF_STORAGE_S3_SECRET_KEY", wiring.s3().secretKey());
                }
            }
            case Platform.GATEWAY_FTP -> {
                gateway(plan, wiring, props, env);
                props.put("wharf.tls.certificate", wiring.certificate().toString());
                props.put("wharf.tls.private-key", wiring.privateKey().toString());
                props.put("wharf.ftp.bind-address", "127.0.0.1");
                props.put("wharf.ftp.explicit-ports", join(plan.ftpExplicitPorts()));
                props.put("wharf.ftp.implicit-ports", join(plan.ftpImplicitPorts()));
                props.put("wharf.ftp.passive-ports", plan.passivePortFirst() + "-" + plan.passivePortLast());
                props.put("wharf.ftp.passive-address", "127.0.0.1");
            }
            case Platform.GATEWAY_SFTP -> {
                gateway(plan, wiring, props, env);
                props.put("wharf.sftp.bind-address", "127.0.0.1");
                props.put("wharf.sftp.port", Integer.toString(plan.sftpPort()));
                props.put("wharf.sftp.alternate-port", Integer.toString(plan.sftpAlternatePort()));
                props.put("wharf.sftp.host-key-dir", plan.sshHostKeyDir().toString());
            }
            case Platform.GATEWAY_WEB -> {
                gateway(plan, wiring, props, env);
                props.put("wharf.tls.certificate", wiring.certificate().toString());
                props.put("wharf.tls.private-key", wiring.privateKey().toString());
                props.put("wharf.web.port", Integer.toString(plan.webPort()));
                // browsers sign in at Keycloak by the same address the gateway discovers it at
                props.put("wharf.web.keycloak-url", wiring.keycloakUrl());
            }
            default -> throw new IllegalArgumentException("unknown service " + module);
        }
        tenancyKey(module).ifPresent(key -> plan.tenancy().ifPresent(t -> props.put(key, t)));
        plan.tracingEndpoint().ifPresent(endpoint -> props.put("wharf.tracing.endpoint", endpoint));
        if (Platform.POLICY.equals(module)) {
            // country rules work out of the box with the GeoLite2 database the build already fetched; an operator
            // points wharf.policy.geoip.database at a current one (extra properties below win)
            bundledGeoLite().ifPresent(jar -> props.put("wharf.policy.geoip.database", jar.toString()));
        }
        if (ordinal >= 0) {
            replica(plan, module, ordinal, props);
        }
        props.putAll(plan.extraProperties(module));
        return new ServiceConfig(props, env);
    }

    /**
     * A replica behind HAProxy: its own loopback address for every listener (HTTP included, so the balancer's
     * readiness check reaches it); for a gateway also PROXY headers believed from the balancer only, and for gateway-ftp its
     * slice of the passive range advertised at the balancer's address, sized and capped as the chart does.
     */
    private static void replica(PlatformPlan plan, String module, int ordinal, Map<String, String> props) {
        String address = PlatformPlan.replicaAddress(ordinal);
        props.put("quarkus.http.host", address);
        props.put("wharf.audit.spool.directory",
                plan.dataDir().resolve("spool").resolve(module + "-" + ordinal).toString());
        if (!module.startsWith("gateway-")) {
            // a service replica: its own address, the same port; callers reach it through HAProxy on 127.0.0.1
            return;
        }
        ClusterValues values = plan.clusterValues();
        String trusted = HaproxyConfig.PUBLIC_ADDRESS + "/32";
        String deadline = values.shutdownDeadline().toString();
        if (Platform.GATEWAY_FTP.equals(module)) {
            props.put("wharf.ftp.bind-address", address);
            props.put("wharf.ftp.passive-ports", values.sliceFirst(plan.passivePortFirst(), ordinal) + "-"
                    + values.sliceLast(plan.passivePortFirst(), ordinal));
            props.put("wharf.ftp.passive-address", HaproxyConfig.PUBLIC_ADDRESS);
            props.put("wharf.ftp.passive-ip-check", Boolean.toString(values.passiveIpCheck()));
            props.put("wharf.ftp.max-logins", Integer.toString(values.maxLoginsPerReplica()));
            props.put("wharf.ftp.proxy-protocol.trusted-cidrs", trusted);
            props.put("wharf.ftp.shutdown-deadline", deadline);
        } else if (Platform.GATEWAY_SFTP.equals(module)) {
            props.put("wharf.sftp.bind-address", address);
            props.put("wharf.sftp.proxy-protocol.trusted-cidrs", trusted);
            props.put("wharf.sftp.shutdown-deadline", deadline);
        } else if (!List.of(Platform.IDENTITY, Platform.POLICY, Platform.STORAGE).contains(module)) {
            throw new IllegalArgumentException(module + " does not run as replicas");
        }
    }

    /** What identity-service tells users to connect to: this platform's host names and ports. */
    private static void sharing(PlatformPlan plan, Map<String, String> props) {
        props.put("wharf.identity.sharing.base-domain", plan.baseDomain());
        props.put("wharf.identity.sharing.ftps-port", Integer.toString(plan.ftpExplicitPorts().getFirst()));
        props.put("wharf.identity.sharing.ftp-port", Integer.toString(plan.ftpExplicitPorts().getFirst()));
        props.put("wharf.identity.sharing.ftps-implicit-port", Integer.toString(plan.ftpImplicitPorts().getFirst()));
        props.put("wharf.identity.sharing.sftp-port", Integer.toString(plan.sftpPort()));
        props.put("wharf.identity.sharing.sftp-alternate-port", Integer.toString(plan.sftpAlternatePort()));
        props.put("wharf.identity.sharing.web-port", Integer.toString(plan.webPort()));
    }

    private static void gateway(PlatformPlan plan, Wiring wiring, Map<String, String> props, Map<String, String> env) {
        // the service credential: a client-credentials token of the gateways' account in the admin realm
        props.put("wharf.services.credential.token-url", wiring.keycloakUrl() + "/realms/master/protocol/openid-connect/token");
        env.put("WHARF_SERVICES_CREDENTIAL_CLIENT_SECRET", wiring.gatewayClientSecret());
        props.put("wharf.services.identity-url", "http://127.0.0.1:" + plan.identityPort());
        props.put("wharf.services.policy-url", "http://127.0.0.1:" + plan.policyPort());
        props.put("wharf.services.storage-url", "http://127.0.0.1:" + plan.storagePort());
        props.put("wharf.tenancy.base-domain", plan.baseDomain());
        props.put("wharf.tenancy.default-tenant", plan.demoTenant());
    }

    /**
     * {@code org.elasticsearch:geolite2-databases:20191119} in the local Maven repository (policy-service's tests
     * fetch it; policy-service reads the Country database inside the jar), when it is there.
     */
    static Optional<Path> bundledGeoLite() {
        String repo = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        Path jar = Path.of(repo, "org", "elasticsearch", "geolite2-databases", "20191119",
                "geolite2-databases-20191119.jar");
        return Files.isRegularFile(jar) ? Optional.of(jar.toAbsolutePath()) : Optional.empty();
    }

    private static String join(List<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The key by which a module takes the tenancy switch (each under its own prefix: mappings refuse strangers). */
    static Optional<String> tenancyKey(String module) {
        return Optional.ofNullable(switch (module) {
            case Platform.IDENTITY -> "wharf.identity.tenancy";
            case Platform.POLICY -> "wharf.keycloak.tenancy";
            case Platform.GATEWAY_WEB -> "wharf.web.tenancy";
            default -> null;
        });
    }
}
