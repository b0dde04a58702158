package dev.wharf.launcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Platform} starts and where: ports, the run folder, storage backend, demo tenant and password.
 * {@link #defaults(Path, String)} is what {@code ./wharf up} uses; {@link #withFreePorts(Path, String)} suits tests.
 */
public final class PlatformPlan {

    /** Storage on the local disk under the run folder. */
    public static final String LOCAL = "local";
    /** Storage in S3Proxy, started by the platform beside the services. */
    public static final String S3 = "s3";
    /** Tenancy: one Keycloak realm per tenant (docs/TENANCY.md). */
    public static final String REALMS = "realms";
    /** Tenancy: organizations of realm {@code wharf} (docs/TENANCY.md). */
    public static final String ORGANIZATIONS = "organizations";

    private final Builder b;

    private PlatformPlan(Builder builder) {
        this.b = builder.copy();
    }

    /**
     * The local defaults: Keycloak 8180, Kafka 9092, services 8081-8085, FTP 2121/3021 and 2990/3990, SFTP 2222
     * and 2022.
     */
    public static Builder defaults(Path runDir, String demoPassword) {
        return new Builder(runDir, demoPassword);
    }

    /** Every port picked free on 127.0.0.1 (and a passive range of 20 ports), for tests beside other tests. */
    public static Builder withFreePorts(Path runDir, String demoPassword) {
        return withFreePorts(runDir, demoPassword, 20);
    }

    /**
     * Every port picked free on 127.0.0.1 and apart from each other, with a passive range of {@code passiveCount}
     * ports (a cluster's replicas share it in slices): a range picked separately could take a port of the plan.
     */
    public static Builder withFreePorts(Path runDir, String demoPassword, int passiveCount) {
        int passive = Ports.freeRange(passiveCount);
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (int p = passive; p < passive + passiveCount; p++) {
            taken.add(p);
        }
        return new Builder(runDir, demoPassword)
                .keycloakPort(Ports.free(taken)).kafkaPort(Ports.free(taken)).kafkaControllerPort(Ports.free(taken))
                .identityPort(Ports.free(taken)).policyPort(Ports.free(taken)).storagePort(Ports.free(taken))
                .ftpHttpPort(Ports.free(taken)).sftpHttpPort(Ports.free(taken))
                .webHttpPort(Ports.free(taken)).webPort(Ports.free(taken))
                .ftpExplicitPorts(List.of(Ports.free(taken), Ports.free(taken)))
                .ftpImplicitPorts(List.of(Ports.free(taken), Ports.free(taken)))
                .passivePorts(passive, passive + passiveCount - 1)
                .sftpPort(Ports.free(taken))
                .sftpAlternatePort(Ports.free(taken));
    }

    /** The run folder: logs/, run/ (pid files), data/, tls/, ssh/. */
    public Path runDir() { return b.runDir; }
    /** Folder of the log files. */
    public Path logDir() { return b.runDir.resolve("logs"); }
    /** Folder of the pid and port files read by {@code ./wharf down} and {@code status}. */
    public Path pidDir() { return b.runDir.resolve("run"); }
    /** Folder of the components' and services' data. */
    public Path dataDir() { return b.runDir.resolve("data"); }

    /** The platform's own credentials (gateway secret, grant signing key), made once and kept. */
    public Path secretsDir() { return b.runDir.resolve("secrets"); }
    /** Folder of the self-signed certificate. */
    public Path tlsDir() { return b.tlsDir != null ? b.tlsDir : b.runDir.resolve("tls"); }
    /** Folder where gateway-sftp generates and keeps its host keys. */
    public Path sshHostKeyDir() { return b.sshHostKeyDir != null ? b.sshHostKeyDir : b.runDir.resolve("ssh"); }
    /** Keycloak's HTTP port. */
    public int keycloakPort() { return b.keycloakPort; }
    /** Kafka's client port. */
    public int kafkaPort() { return b.kafkaPort; }
    /** Kafka's controller port; 0 picks a free one at start. */
    public int kafkaControllerPort() { return b.kafkaControllerPort; }
    /** S3Proxy's port (only with the s3 backend); 0 picks a free one at start. */
    public int s3Port() { return b.s3Port; }
    /** identity-service's HTTP port. */
    public int identityPort() { return b.identityPort; }
    /** policy-service's HTTP port. */
    public int policyPort() { return b.policyPort; }
    /** storage-service's HTTP port. */
    public int storagePort() { return b.storagePort; }
    /** gateway-ftp's HTTP (health, metrics) port. */
    public int ftpHttpPort() { return b.ftpHttpPort; }
    /** gateway-sftp's HTTP (health, metrics) port. */
    public int sftpHttpPort() { return b.sftpHttpPort; }
    /** FTP ports with explicit TLS (AUTH TLS) and plain FTP. */
    public List<Integer> ftpExplicitPorts() { return b.ftpExplicitPorts; }
    /** FTPS ports with implicit TLS. */
    public List<Integer> ftpImplicitPorts() { return b.ftpImplicitPorts; }
    /** First passive data port. */
    public int passivePortFirst() { return b.passivePortFirst; }
    /** Last passive data port. */
    public int passivePortLast() { return b.passivePortLast; }
    /** The SFTP port. */
    public int sftpPort() { return b.sftpPort; }
    /** The alternate SFTP port (for users behind firewalls that block the first). */
    public int sftpAlternatePort() { return b.sftpAlternatePort; }
    /** gateway-web's HTTP (health) port. */
    public int webHttpPort() { return b.webHttpPort; }
    /** The web portal's HTTPS port. */
    public int webPort() { return b.webPort; }
    /** Storage backend: {@value #LOCAL} or {@value #S3}. */
    public String storageBackend() { return b.storageBackend; }
    /** Base domain of tenant host names. */
    public String baseDomain() { return b.baseDomain; }
    /**
     * Where tenants live, {@value #REALMS} or {@value #ORGANIZATIONS}, passed to every service that reads Keycloak's
     * tenants; empty: each service's own default (and whatever its environment says).
     */
    public Optional<String> tenancy() { return Optional.ofNullable(b.tenancy); }
    /**
     * Where every app and Keycloak export traces (OTLP over HTTP), or empty: no tracing. Keycloak then runs from a
     * home built with tracing on (a build-time option in Keycloak 26).
     */
    public Optional<String> tracingEndpoint() { return Optional.ofNullable(b.tracingEndpoint); }
    /** The demo tenant (also the gateways' default tenant). */
    public String demoTenant() { return b.demoTenant; }
    /** The demo user. */
    public String demoUser() { return b.demoUser; }
    /** The demo user's password. */
    public String demoPassword() { return b.demoPassword; }
    /** The audit topic. */
    public String auditTopic() { return b.auditTopic; }
    /** Maximum heap of each service JVM, e.g. 256m. */
    public String serviceHeap() { return b.serviceHeap; }
    /**
     * Replicas of gateway-ftp and gateway-sftp; above 1 they run on 127.0.0.2, 127.0.0.3, ... behind HAProxy on
     * 127.0.0.1 (the local cluster, {@code ./wharf up --replicas N}).
     */
    public int gatewayReplicas() { return b.gatewayReplicas; }
    /** Whether the gateways run as a cluster behind HAProxy. */
    public boolean clustered() { return b.gatewayReplicas > 1; }
    /**
     * Replicas of identity-service, policy-service and storage-service; above 1 they listen on 127.0.0.2, 127.0.0.3,
     * ... on their own ports, and HAProxy on 127.0.0.1 balances each port over them as a Kubernetes Service does.
     */
    public int serviceReplicas() { return b.serviceReplicas; }
    /** Whether the three services run as replicas behind HAProxy. */
    public boolean servicesClustered() { return b.serviceReplicas > 1; }
    /** Replicas of {@code module}: the gateway or service count for FTP/SFTP and the services, else 1. */
    public int replicas(String module) {
        return switch (module) {
            case Platform.GATEWAY_FTP, Platform.GATEWAY_SFTP -> gatewayReplicas();
            case Platform.IDENTITY, Platform.POLICY, Platform.STORAGE -> serviceReplicas();
            default -> 1;
        };
    }
    /** The chart values the cluster is sized from (passive slice, drain time); null unless {@link #clustered()}. */
    public ClusterValues clusterValues() { return b.clusterValues; }
    /** The loopback address replica {@code ordinal} (0-based) listens on: 127.0.0.2 for the first. */
    public static String replicaAddress(int ordinal) { return "127.0.0." + (2 + ordinal); }
    /** Extra system properties for one module's JVM (tests tune timeouts this way). */
    public Map<String, String> extraProperties(String module) {
        return b.extraProperties.getOrDefault(module, Map.of());
    }

    /** Every TCP port the plan binds except the passive range, with its owner, for a pre-flight check. */
    public Map<Integer, String> listeningPorts() {
        Map<Integer, String> ports = new java.util.LinkedHashMap<>();
        ports.put(keycloakPort(), "keycloak");
        ports.put(kafkaPort(), "kafka");
        if (kafkaControllerPort() > 0) {
            ports.put(kafkaControllerPort(), "kafka controller");
        }
        if (S3.equals(storageBackend()) && s3Port() > 0) {
            ports.put(s3Port(), "s3proxy");
        }
        ports.put(identityPort(), "identity-service");
        ports.put(policyPort(), "policy-service");
        ports.put(storagePort(), "storage-service");
        ports.put(ftpHttpPort(), "gateway-ftp (HTTP)");
        ports.put(sftpHttpPort(), "gateway-sftp (HTTP)");
        ftpExplicitPorts().forEach(p -> ports.put(p, "gateway-ftp (FTP, explicit TLS)"));
        ftpImplicitPorts().forEach(p -> ports.put(p, "gateway-ftp (FTPS, implicit TLS)"));
        ports.put(sftpPort(), "gateway-sftp (SFTP)");
        ports.put(sftpAlternatePort(), "gateway-sftp (SFTP, alternate port)");
        ports.put(webHttpPort(), "gateway-web (HTTP)");
        ports.put(webPort(), "gateway-web (HTTPS portal)");
        return ports;
    }

    /** Builds a plan; every setter returns the builder. */
    public static final class Builder {
        private Path runDir;
        private String demoPassword;
        private Path tlsDir;
        private Path sshHostKeyDir;
        private int keycloakPort = 8180;
        private int kafkaPort = 9092;
        private int kafkaControllerPort;
        private int s3Port;
        private int identityPort = 8081;
        private int policyPort = 8082;
        private int storagePort = 8083;
        private int ftpHttpPort = 8084;
        private int sftpHttpPort = 8085;
        private List<Integer> ftpExplicitPorts = List.of(2121, 3021);
        private List<Integer> ftpImplicitPorts = List.of(2990, 3990);
        private int passivePortFirst = 40000;
        private int passivePortLast = 50000;
        private int sftpPort = 2222;
        private int sftpAlternatePort = 2022;
        private int webHttpPort = 8086;
        private int webPort = 8443;
        private String storageBackend = LOCAL;
        private String baseDomain = "localhost";
        private String tenancy;
        private String tracingEndpoint;
        private String demoTenant = "demo";
        private String demoUser = "demo";
        private String auditTopic = "wharf.audit";
        private String serviceHeap = "256m";
        private int gatewayReplicas = 1;
        private ClusterValues clusterValues;
        private int serviceReplicas = 1;
        private Map<String, Map<String, String>> extraProperties = new HashMap<>();

        private Builder(Path runDir, String demoPassword) {
            this.runDir = runDir.toAbsolutePath().normalize();
            this.demoPassword = Objects.requireNonNull(demoPassword, "demoPassword");
        }

        /** Folder of the certificate (default runDir/tls). */
        public Builder tlsDir(Path value) { tlsDir = value.toAbsolutePath(); return this; }
        /** Folder of the SSH host keys (default runDir/ssh). */
        public Builder sshHostKeyDir(Path value) { sshHostKeyDir = value.toAbsolutePath(); return this; }
        /** Keycloak's HTTP port. */
        public Builder keycloakPort(int value) { keycloakPort = value; return this; }
        /** Kafka's client port. */
        public Builder kafkaPort(int value) { kafkaPort = value; return this; }
        /** Kafka's controller port (0: free at start). */
        public Builder kafkaControllerPort(int value) { kafkaControllerPort = value; return this; }
        /** S3Proxy's port (0: free at start). */
        public Builder s3Port(int value) { s3Port = value; return this; }
        /** identity-service's HTTP port. */
        public Builder identityPort(int value) { identityPort = value; return this; }
        /** policy-service's HTTP port. */
        public Builder policyPort(int value) { policyPort = value; return this; }
        /** storage-service's HTTP port. */
        public Builder storagePort(int value) { storagePort = value; return this; }
        /** gateway-ftp's HTTP port. */
        public Builder ftpHttpPort(int value) { ftpHttpPort = value; return this; }
        /** gateway-sftp's HTTP port. */
        public Builder sftpHttpPort(int value) { sftpHttpPort = value; return this; }
        /** Explicit-TLS FTP ports. */
        public Builder ftpExplicitPorts(List<Integer> value) { ftpExplicitPorts = List.copyOf(value); return this; }
        /** Implicit-TLS FTPS ports. */
        public Builder ftpImplicitPorts(List<Integer> value) { ftpImplicitPorts = List.copyOf(value); return this; }
        /** Passive data port range, inclusive. */
        public Builder passivePorts(int first, int last) {
            if (first > last) {
                throw new IllegalArgumentException("passive range " + first + "-" + last + " is empty");
            }
            passivePortFirst = first;
            passivePortLast = last;
            return this;
        }
        /** The SFTP port. */
        public Builder sftpPort(int value) { sftpPort = value; return this; }
        /** The alternate SFTP port. */
        public Builder sftpAlternatePort(int value) { sftpAlternatePort = value; return this; }
        /** gateway-web's HTTP (health) port. */
        public Builder webHttpPort(int value) { webHttpPort = value; return this; }
        /** The web portal's HTTPS port. */
        public Builder webPort(int value) { webPort = value; return this; }
        /** Storage backend, {@value PlatformPlan#LOCAL} or {@value PlatformPlan#S3}. */
        public Builder storageBackend(String value) {
            if (!LOCAL.equals(value) && !S3.equals(value)) {
                throw new IllegalArgumentException("storage backend must be local or s3, was " + value);
            }
            storageBackend = value;
            return this;
        }
        /** Base domain of tenant host names. */
        public Builder baseDomain(String value) { baseDomain = value; return this; }
        /** Where tenants live: {@value PlatformPlan#REALMS} or {@value PlatformPlan#ORGANIZATIONS}. */
        public Builder tenancy(String value) {
            if (!REALMS.equals(value) && !ORGANIZATIONS.equals(value)) {
                throw new IllegalArgumentException("tenancy must be realms or organizations, was " + value);
            }
            tenancy = value;
            return this;
        }
        /** Where every app and Keycloak export traces (OTLP/HTTP base URL); null: no tracing. */
        public Builder tracingEndpoint(String value) { tracingEndpoint = value; return this; }
        /** Demo tenant id. */
        public Builder demoTenant(String value) { demoTenant = value; return this; }
        /** Demo user name. */
        public Builder demoUser(String value) { demoUser = value; return this; }
        /** Audit topic. */
        public Builder auditTopic(String value) { auditTopic = value; return this; }
        /** Maximum heap of each service JVM. */
        public Builder serviceHeap(String value) { serviceHeap = value; return this; }
        /**
         * Gateway replicas behind HAProxy, each with its passive slice from {@code values} (the chart's); the
         * passive range must hold {@code replicas × values.portsPerReplica()} ports.
         */
        public Builder gatewayReplicas(int replicas, ClusterValues values) {
            if (replicas < 1 || replicas > 250) {
                throw new IllegalArgumentException("replicas must be 1-250, was " + replicas);
            }
            gatewayReplicas = replicas;
            clusterValues = replicas > 1 ? Objects.requireNonNull(values, "values") : null;
            return this;
        }
        /** Replicas of each of identity-service, policy-service and storage-service, behind HAProxy above 1. */
        public Builder serviceReplicas(int replicas) {
            if (replicas < 1 || replicas > 250) {
                throw new IllegalArgumentException("service replicas must be 1-250, was " + replicas);
            }
            serviceReplicas = replicas;
            return this;
        }
        /** Adds a system property for one module's JVM (overrides what the platform would pass). */
        public Builder property(String module, String key, String value) {
            extraProperties.computeIfAbsent(module, m -> new HashMap<>()).put(key, value);
            return this;
        }

        /** The plan. */
        public PlatformPlan build() {
            if (gatewayReplicas > 1) {
                int needed = gatewayReplicas * clusterValues.portsPerReplica();
                if (passivePortLast - passivePortFirst + 1 < needed) {
                    throw new IllegalArgumentException("the passive range " + passivePortFirst + "-" + passivePortLast
                            + " is smaller than " + gatewayReplicas + " slices of " + clusterValues.portsPerReplica()
                            + " ports (gatewayFtp.passive.portsPerReplica)");
                }
            }
            return new PlatformPlan(this);
        }

        private Builder copy() {
            Builder copy = new Builder(runDir, demoPassword);
            copy.tlsDir = tlsDir;
            copy.sshHostKeyDir = sshHostKeyDir;
            copy.keycloakPort = keycloakPort;
            copy.kafkaPort = kafkaPort;
            copy.kafkaControllerPort = kafkaControllerPort;
            copy.s3Port = s3Port;
            copy.identityPort = identityPort;
            copy.policyPort = policyPort;
            copy.storagePort = storagePort;
            copy.ftpHttpPort = ftpHttpPort;
            copy.sftpHttpPort = sftpHttpPort;
            copy.ftpExplicitPorts = ftpExplicitPorts;
            copy.ftpImplicitPorts = ftpImplicitPorts;
            copy.passivePortFirst = passivePortFirst;
            copy.passivePortLast = passivePortLast;
            copy.sftpPort = sftpPort;
            copy.sftpAlternatePort = sftpAlternatePort;
            copy.webHttpPort = webHttpPort;
            copy.webPort = webPort;
            copy.storageBackend = storageBackend;
            copy.baseDomain = baseDomain;
            copy.tenancy = tenancy;
            copy.tracingEndpoint = tracingEndpoint;
            copy.demoTenant = demoTenant;
            copy.demoUser = demoUser;
            copy.auditTopic = auditTopic;
            copy.serviceHeap = serviceHeap;
            copy.gatewayReplicas = gatewayReplicas;
            copy.clusterValues = clusterValues;
            copy.serviceReplicas = serviceReplicas;
            Map<String, Map<String, String>> extra = new HashMap<>();
            extraProperties.forEach((module, props) -> extra.put(module, Map.copyOf(props)));
            copy.extraProperties = extra;
            return copy;
        }
    }
}
