package dev.wharf.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The whole Wharf platform on loopback: Keycloak and Kafka (and S3Proxy for the s3 backend), the three
 * services, the two gateways, and the demo tenant and user. Used by {@code ./wharf up} and the end-to-end tests.
 */
public final class Platform implements AutoCloseable {

    /** identity-service's module name. */
    public static final String IDENTITY = "identity-service";
    /** policy-service's module name. */
    public static final String POLICY = "policy-service";
    /** storage-service's module name. */
    public static final String STORAGE = "storage-service";
    /** gateway-ftp's module name. */
    public static final String GATEWAY_FTP = "gateway-ftp";
    /** gateway-sftp's module name. */
    public static final String GATEWAY_SFTP = "gateway-sftp";
    /** gateway-web's module name. */
    public static final String GATEWAY_WEB = "gateway-web";
    /** Everything {@code ./wharf status} reports on, in start order. */
    public static final List<String> ALL = List.of("keycloak", "kafka", "s3proxy",
            IDENTITY, POLICY, STORAGE, GATEWAY_FTP, GATEWAY_SFTP, GATEWAY_WEB);
    /**
     * The master-realm public client whose tokens carry realm roles (admin-cli's are lightweight and do not);
     * identity-service creates it at start-up and its admin API checks the role {@code admin} in them.
     */
    public static final String ADMIN_CLIENT = "wharf-admin";
    /** The bucket the s3 backend uses. */
    public static final String S3_BUCKET = "wharf";

    private static final int STAGE_COMPONENTS = 0;
    private static final int STAGE_SERVICES = 1;
    private static final int STAGE_GATEWAYS = 2;

    /** Key of the identity replicas' shared 2FA state: one per run, since that state does not outlive it. */
    private final String sharedStateKey = Secrets.token(32);
    private final PlatformSecrets secrets;
    private final PlatformPlan plan;
    private final Consumer<String> progress;
    private final List<List<Running>> stages = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    private final Map<String, ServiceProcess> services = new HashMap<>();
    private boolean closed;
    private KeycloakServer keycloak;
    private KafkaServer kafka;
    private S3ProxyServer s3proxy;
    private HaproxyProcess haproxy;
    private HaproxyProcess servicesHaproxy;
    private SelfSignedCertificate certificate;
    private DemoProvisioning.Outcome provisioning;
    private Duration startTime;

    private Platform(PlatformPlan plan, Consumer<String> progress) {
        this.plan = plan;
        this.secrets = new PlatformSecrets(plan.secretsDir());
        this.progress = progress;
    }

    /** Starts everything in {@code plan}; stops what it started and fails if any part does not come up. */
    public static Platform start(PlatformPlan plan) {
        return start(plan, message -> { });
    }

    /** As {@link #start(PlatformPlan)}, reporting each step to {@code progress}. */
    public static Platform start(PlatformPlan plan, Consumer<String> progress) {
        Platform platform = prepare(plan, progress);
        platform.start();
        return platform;
    }

    /**
     * A platform not started yet: lets a caller register {@link #close()} (for example in a shutdown hook)
     * before {@link #start()}, so that an interrupted start still stops what it started.
     */
    public static Platform prepare(PlatformPlan plan, Consumer<String> progress) {
        return new Platform(plan, progress);
    }

    /** Starts everything; on failure stops what was started and rethrows. */
    public void start() {
        long begin = System.nanoTime();
        try {
            createFolders();
            certificate = SelfSignedCertificate.ensure(plan.tlsDir());
            progress.accept("starting Keycloak and Kafka" + (isS3() ? " and S3Proxy" : ""));
            List<Step> components = new ArrayList<>(List.of(
                    new Step("keycloak", this::startKeycloak),
                    new Step("kafka", this::startKafka)));
            if (isS3()) {
                components.add(new Step("s3proxy", this::startS3Proxy));
            }
            parallel(components);
            if (plan.servicesClustered()) {
                progress.accept("starting " + plan.serviceReplicas() + " replicas of identity-service, policy-service"
                        + " and storage-service (127.0.0.2-" + PlatformPlan.replicaAddress(plan.serviceReplicas() - 1)
                        + ")");
                parallel(List.of(
                        new Step(IDENTITY + " ×" + plan.serviceReplicas(), () -> startReplicas(IDENTITY)),
                        new Step(POLICY + " ×" + plan.serviceReplicas(), () -> startReplicas(POLICY)),
                        new Step(STORAGE + " ×" + plan.serviceReplicas(), () -> startReplicas(STORAGE))));
                progress.accept("starting HAProxy on 127.0.0.1 in front of the service replicas");
                parallel(List.of(new Step("haproxy-services", this::startServicesHaproxy)));
            } else {
                progress.accept("starting identity-service, policy-service and storage-service");
                parallel(List.of(
                        new Step(IDENTITY, () -> startService(IDENTITY, plan.identityPort(), STAGE_SERVICES)),
                        new Step(POLICY, () -> startService(POLICY, plan.policyPort(), STAGE_SERVICES)),
                        new Step(STORAGE, () -> startService(STORAGE, plan.storagePort(), STAGE_SERVICES))));
            }
            // before the gateways open their ports: a client that connects as soon as it can must find the user
            RealmTenantMoves.moveAll(identityUrl(), keycloak.adminToken(ADMIN_CLIENT), progress);
            progress.accept("provisioning tenant " + plan.demoTenant() + " and user " + plan.demoUser());
            provisioning = DemoProvisioning.ensure(identityUrl(), keycloak.adminToken(ADMIN_CLIENT), plan.demoTenant(),
                    plan.demoUser(), plan.demoPassword());
            List<Step> gateways = new ArrayList<>();
            if (plan.clustered()) {
                progress.accept("starting " + plan.gatewayReplicas() + " replicas of gateway-ftp and gateway-sftp"
                        + " (127.0.0.2-" + PlatformPlan.replicaAddress(plan.gatewayReplicas() - 1) + ") and gateway-web");
                gateways.add(new Step(GATEWAY_FTP + " ×" + plan.gatewayReplicas(), () -> startReplicas(GATEWAY_FTP)));
                gateways.add(new Step(GATEWAY_SFTP + " ×" + plan.gatewayReplicas(), () -> startReplicas(GATEWAY_SFTP)));
            } else {
                progress.accept("starting gateway-ftp, gateway-sftp and gateway-web");
                gateways.add(new Step(GATEWAY_FTP, () -> startService(GATEWAY_FTP, plan.ftpHttpPort(), STAGE_GATEWAYS)));
                gateways.add(new Step(GATEWAY_SFTP, () -> startService(GATEWAY_SFTP, plan.sftpHttpPort(), STAGE_GATEWAYS)));
            }
            gateways.add(new Step(GATEWAY_WEB, () -> startService(GATEWAY_WEB, plan.webHttpPort(), STAGE_GATEWAYS)));
            parallel(gateways);
            if (plan.clustered()) {
                progress.accept("starting HAProxy on 127.0.0.1 in front of the gateway replicas");
                parallel(List.of(new Step("haproxy", this::startHaproxy)));
            }
            startTime = Duration.ofNanos(System.nanoTime() - begin);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The plan this platform runs. */
    public PlatformPlan plan() {
        return plan;
    }

    /** Keycloak (null before it started). */
    public synchronized KeycloakServer keycloak() {
        return keycloak;
    }

    /** The Kafka broker (null before it started). */
    public synchronized KafkaServer kafka() {
        return kafka;
    }

    /** S3Proxy, only with the s3 backend (else null). */
    public synchronized S3ProxyServer s3proxy() {
        return s3proxy;
    }

    /**
     * A running service by module name, e.g. {@link #GATEWAY_FTP}, or a replica's {@link #replicaName(String, int)};
     * null if not started.
     */
    public synchronized ServiceProcess service(String module) {
        return services.get(module);
    }

    /**
     * Starts a service again on its own port, after it was stopped or killed (the fault-injection tests kill one by
     * PID, then check that the platform serves new sessions once it is back); a live one is stopped first.
     */
    public void restartService(String module) {
        ServiceProcess old;
        Running running = null;
        int stage;
        synchronized (this) {
            old = services.get(module);
            if (old == null || closed) {
                throw new IllegalStateException(module + " is not running in this platform");
            }
            stage = module.startsWith("gateway-") ? STAGE_GATEWAYS : STAGE_SERVICES;
            for (Running r : stages.get(stage)) {
                if (r.name.equals(module)) {
                    running = r;
                }
            }
            stages.get(stage).remove(running);
            services.remove(module);
        }
        if (running != null) {
            stop(running);
        }
        startService(module, old.httpPort(), stage);
    }

    /** Stops the Kafka broker, keeping its data (fault-injection tests: Kafka away while transfers go on). */
    public void stopKafka() {
        Running running = null;
        synchronized (this) {
            for (Running r : stages.get(STAGE_COMPONENTS)) {
                if (r.name.equals("kafka")) {
                    running = r;
                }
            }
            if (running == null) {
                throw new IllegalStateException("Kafka is not running in this platform");
            }
            stages.get(STAGE_COMPONENTS).remove(running);
        }
        stop(running);
    }

    /** Starts the broker {@link #stopKafka} stopped, on the same ports and data (its topics and records kept). */
    public void restartKafka() {
        KafkaServer old = kafka();
        KafkaServer server = KafkaServer.start(plan.dataDir().resolve("kafka"), old.port(), old.controllerPort(),
                plan.logDir().resolve("kafka.log"));
        register("kafka", server, server.process(), STAGE_COMPONENTS, List.of(old.port()));
        synchronized (this) {
            kafka = server;
        }
    }

    /** A platform-operator token for identity-service's admin API (the bootstrap admin via {@link #ADMIN_CLIENT}). */
    public String operatorToken() {
        return keycloak().adminToken(ADMIN_CLIENT);
    }

    /**
     * A token of the gateways' service account (what gateway-ftp and gateway-sftp present to identity-service and
     * policy-service), for tests and benchmarks that call those services as a gateway would.
     */
    public String gatewayToken() {
        return KeycloakServer.serviceToken(keycloak().baseUrl(), "master", "wharf-gateways",
                secrets.gatewayClientSecret());
    }

    /** identity-service's base URL. */
    public String identityUrl() {
        return "http://127.0.0.1:" + plan.identityPort();
    }

    /** policy-service's base URL. */
    public String policyUrl() {
        return "http://127.0.0.1:" + plan.policyPort();
    }

    /** storage-service's base URL. */
    public String storageUrl() {
        return "http://127.0.0.1:" + plan.storagePort();
    }

    /** The FTPS certificate (trust it in clients, or skip verification). */
    public SelfSignedCertificate certificate() {
        return certificate;
    }

    /** Whether the demo tenant and user were created now or already existed. */
    public boolean demoAlreadyExisted() {
        return provisioning == DemoProvisioning.Outcome.ALREADY_THERE;
    }

    /** How long {@link #start()} took. */
    public Duration startTime() {
        return startTime;
    }

    /** Every running process by name (for watching them), in start order. */
    public synchronized Map<String, ChildProcess> processes() {
        Map<String, ChildProcess> all = new LinkedHashMap<>();
        for (List<Running> stage : stages) {
            for (Running running : stage) {
                all.put(running.name, running.process);
            }
        }
        return all;
    }

    /** Stops everything started, gateways first and Keycloak and Kafka last; safe to call more than once. */
    @Override
    public void close() {
        List<List<Running>> toStop = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (List<Running> stage : stages) {
                toStop.add(new ArrayList<>(stage));
                stage.clear();
            }
        }
        for (int stage = toStop.size() - 1; stage >= 0; stage--) {
            toStop.get(stage).parallelStream().forEach(this::stop);
        }
    }

    private void stop(Running running) {
        try {
            running.component.close();
        } catch (Exception e) {
            progress.accept("could not stop " + running.name + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(plan.pidDir().resolve(running.name + ".pid"));
                Files.deleteIfExists(plan.pidDir().resolve(running.name + ".port"));
            } catch (IOException e) {
                // a stale pid file is detected by ./wharf status; nothing else to do here
            }
        }
    }

    private void startKeycloak() {
        Path dir = plan.dataDir().resolve("keycloak");
        // Kafka starts beside Keycloak: the listener's producer connects on the first event
        KeycloakServer server = KeycloakServer.start(dir, plan.keycloakPort(), KeycloakServer.DEFAULT_ADMIN_USER,
                KeycloakServer.storedOrNewPassword(dir), plan.logDir().resolve("keycloak.log"),
                "127.0.0.1:" + plan.kafkaPort(), plan.auditTopic(), plan.tracingEndpoint().orElse(null));
        register("keycloak", server, server.process(), STAGE_COMPONENTS, List.of(plan.keycloakPort()));
        synchronized (this) {
            keycloak = server;
        }
    }

    private void startKafka() {
        int controller = plan.kafkaControllerPort() > 0 ? plan.kafkaControllerPort() : Ports.free();
        KafkaServer server = KafkaServer.start(plan.dataDir().resolve("kafka"), plan.kafkaPort(), controller,
                plan.logDir().resolve("kafka.log"));
        register("kafka", server, server.process(), STAGE_COMPONENTS, List.of(plan.kafkaPort()));
        synchronized (this) {
            kafka = server;
        }
    }

    private void startS3Proxy() {
        int port = plan.s3Port() > 0 ? plan.s3Port() : Ports.free();
        S3ProxyServer server = S3ProxyServer.start(plan.dataDir().resolve("s3proxy"), port,
                plan.logDir().resolve("s3proxy.log"));
        register("s3proxy", server, server.process(), STAGE_COMPONENTS, List.of(port));
        server.createBucket(S3_BUCKET);
        synchronized (this) {
            s3proxy = server;
        }
    }

    /** The running replicas of a gateway or service in the local cluster, by ordinal (empty when it has one). */
    public synchronized List<ServiceProcess> replicas(String module) {
        List<ServiceProcess> replicas = new ArrayList<>();
        for (int i = 0; i < plan.replicas(module) && plan.replicas(module) > 1; i++) {
            ServiceProcess replica = services.get(replicaName(module, i));
            if (replica != null) {
                replicas.add(replica);
            }
        }
        return replicas;
    }

    /** HAProxy in front of the replicas (null when not clustered). */
    public synchronized HaproxyProcess haproxy() {
        return haproxy;
    }

    /** HAProxy in front of the service replicas (null when the services run once each). */
    public synchronized HaproxyProcess servicesHaproxy() {
        return servicesHaproxy;
    }

    /** A replica's name in logs, pid files and {@link #service(String)}: module and ordinal, e.g. gateway-ftp-1. */
    public static String replicaName(String module, int ordinal) {
        return module + "-" + ordinal;
    }

    /**
     * Stops replica {@code ordinal} of a gateway with SIGTERM (it drains: readiness down, so HAProxy sends it no
     * new sessions, transfers finish until the shutdown deadline) and starts it again; for rolling restarts. A
     * replica that died (killed) is started again the same way; service replicas too.
     */
    public void restartReplica(String module, int ordinal) {
        String name = replicaName(module, ordinal);
        Running running = null;
        synchronized (this) {
            for (List<Running> stage : stages) {
                for (Running r : stage) {
                    if (r.name.equals(name)) {
                        running = r;
                    }
                }
                if (running != null) {
                    stage.remove(running);
                }
            }
            services.remove(name);
        }
        HaproxyAdmin balancer = gatewayBalancer(module);
        boolean alive = running != null && running.process.jvm().map(ProcessHandle::isAlive).orElse(false);
        if (balancer != null && alive) {
            // what Kubernetes does for a terminating pod: out of the Service's endpoints first, then preStop, then
            // SIGTERM; sessions that connected just before get time to start their transfer
            balancer.setState(HaproxyConfig.gatewayBackends(plan, module).keySet(), ordinal, "drain");
            Duration preStop = Duration.ofSeconds(plan.clusterValues().preStopSeconds());
            progress.accept(name + " taken out of the balancer; stopping it in " + preStop.toSeconds() + " s");
            java.util.concurrent.locks.LockSupport.parkNanos(preStop.toNanos());
        }
        if (running != null) {
            stop(running);
        }
        startReplica(module, ordinal);
        if (balancer != null) {
            var backends = HaproxyConfig.gatewayBackends(plan, module).keySet();
            balancer.setState(backends, ordinal, "ready");
            // back in rotation only once the balancer's checks pass: a restart ends when the replica takes traffic
            if (!balancer.awaitRunning(backends, ordinal, Duration.ofSeconds(30))) {
                progress.accept(name + " is running but the balancer's checks have not passed within 30 s");
            }
        }
    }

    /** The runtime API of the gateways' balancer when {@code module} is a gateway behind it, else null. */
    private HaproxyAdmin gatewayBalancer(String module) {
        if (!GATEWAY_FTP.equals(module) && !GATEWAY_SFTP.equals(module) || haproxy() == null) {
            return null;
        }
        HaproxyAdmin admin = new HaproxyAdmin(HaproxyConfig.adminSocket(plan));
        return admin.available() ? admin : null;
    }

    /**
     * The first replica alone (it makes the SFTP host keys the others share; identity-service's first creates the
     * Keycloak clients the others find), then the rest at once.
     */
    private void startReplicas(String module) {
        startReplica(module, 0);
        List<Step> rest = new ArrayList<>();
        for (int i = 1; i < plan.replicas(module); i++) {
            int ordinal = i;
            rest.add(new Step(replicaName(module, i), () -> startReplica(module, ordinal)));
        }
        if (!rest.isEmpty()) {
            parallel(rest);
        }
    }

    private void startReplica(String module, int ordinal) {
        if (module.startsWith("gateway-")) {
            int httpPort = GATEWAY_FTP.equals(module) ? plan.ftpHttpPort() : plan.sftpHttpPort();
            startService(module, ordinal, httpPort, STAGE_GATEWAYS);
        } else {
            startService(module, ordinal, HaproxyConfig.servicePort(plan, module), STAGE_SERVICES);
        }
    }

    private void startServicesHaproxy() {
        HaproxyProcess proxy = HaproxyProcess.startServices(plan, plan.logDir().resolve("haproxy-services.log"));
        register("haproxy-services", proxy, proxy.process(), STAGE_SERVICES,
                List.of(plan.identityPort(), plan.policyPort(), plan.storagePort()));
        synchronized (this) {
            servicesHaproxy = proxy;
        }
    }

    private void startHaproxy() {
        HaproxyProcess proxy = HaproxyProcess.start(plan, plan.logDir().resolve("haproxy.log"));
        List<Integer> ports = new ArrayList<>(plan.ftpExplicitPorts());
        ports.addAll(plan.ftpImplicitPorts());
        ports.add(plan.sftpPort());
        ports.add(plan.sftpAlternatePort());
        register("haproxy", proxy, proxy.process(), STAGE_GATEWAYS, ports);
        synchronized (this) {
            haproxy = proxy;
        }
    }

    private void startService(String module, int httpPort, int stage) {
        startService(module, -1, httpPort, stage);
    }

    private void startService(String module, int ordinal, int httpPort, int stage) {
        String name = ordinal < 0 ? module : replicaName(module, ordinal);
        ServiceConfig config = ServiceConfig.of(module, ordinal, wiring());
        Path workDir = plan.dataDir().resolve(name);
        // JBoss Threads reflects into java.lang on JDK 24+; without the opening it logs an error at shutdown
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + plan.serviceHeap(), "-Djava.awt.headless=true",
                "--add-opens=java.base/java.lang=ALL-UNNAMED"));
        if (GATEWAY_FTP.equals(module)) {
            // JSSE reads it once, when its socket class loads: an FTPS upload cut without close_notify must fail
            jvm.add("-Dcom.sun.net.ssl.requireCloseNotify=true");
        }
        ServiceProcess service = ServiceProcess.start(module, name, httpPort, config.properties(),
                config.environment(), jvm, workDir, plan.logDir().resolve(name + ".log"), ServiceProcess.READY_TIMEOUT);
        // a replica's public port numbers are HAProxy's (on 127.0.0.1); its own file names its HTTP address
        List<Object> ports = new ArrayList<>(List.of(ordinal < 0 ? httpPort
                : PlatformPlan.replicaAddress(ordinal) + ":" + httpPort));
        boolean single = ordinal < 0;
        if (single && GATEWAY_FTP.equals(module)) {
            ports.addAll(plan.ftpExplicitPorts());
            ports.addAll(plan.ftpImplicitPorts());
        } else if (single && GATEWAY_SFTP.equals(module)) {
            ports.add(plan.sftpPort());
            ports.add(plan.sftpAlternatePort());
        } else if (GATEWAY_WEB.equals(module)) {
            ports.add(plan.webPort());
        }
        register(name, service, service.process(), stage, ports);
        synchronized (this) {
            services.put(name, service);
        }
    }

    /** Records a started part for close() and the pid files; stops it at once if the platform was closed meanwhile. */
    private void register(String name, AutoCloseable component, ChildProcess process, int stage, List<?> ports) {
        Running running = new Running(name, component, process);
        synchronized (this) {
            if (!closed) {
                stages.get(stage).add(running);
                writePidFiles(name, process, ports);
                return;
            }
        }
        stop(running);
        throw new CancellationException("platform stopped while " + name + " was starting");
    }

    private void writePidFiles(String name, ChildProcess process, List<?> ports) {
        try {
            Files.writeString(plan.pidDir().resolve(name + ".pid"), process.pid() + "\n", StandardCharsets.UTF_8);
            Files.writeString(plan.pidDir().resolve(name + ".port"),
                    ports.stream().map(String::valueOf).collect(Collectors.joining(" ")) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pid file in " + plan.pidDir(), e);
        }
    }

    private synchronized ServiceConfig.Wiring wiring() {
        ServiceConfig.S3 s3 = s3proxy == null ? null
                : new ServiceConfig.S3(s3proxy.endpoint(), s3proxy.accessKey(), s3proxy.secretKey());
        return new ServiceConfig.Wiring(plan, kafka.bootstrapServers(), keycloak.baseUrl(), keycloak.adminUser(),
                keycloak.adminPassword(), s3, certificate.certificate(), certificate.privateKey(), sharedStateKey,
                secrets.gatewayClientSecret(), secrets.grantSigningKey());
    }

    private void createFolders() {
        try {
            for (Path dir : List.of(plan.logDir(), plan.pidDir(), plan.dataDir(), plan.sshHostKeyDir(),
                    plan.dataDir().resolve("storage"))) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder " + plan.runDir(), e);
        }
    }

    /** Runs the steps at once and waits for all; fails with the first failure after every step has ended. */
    private void parallel(List<Step> steps) {
        ExecutorService executor = Executors.newFixedThreadPool(steps.size(), runnable -> {
            Thread thread = new Thread(runnable, "wharf-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Step step : steps) {
                futures.add(executor.submit(() -> {
                    long begin = System.nanoTime();
                    step.action.run();
                    progress.accept(String.format("  %-15s ready in %4.1f s", step.name,
                            (System.nanoTime() - begin) / 1e9));
                }));
            }
            RuntimeException first = null;
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException(e.getCause());
                    if (first == null) {
                        first = cause;
                    } else {
                        first.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while starting the platform");
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            executor.shutdownNow();
        }
    }

    boolean isS3() {
        return PlatformPlan.S3.equals(plan.storageBackend());
    }

    /** A named start action. */
    private record Step(String name, Runnable action) {
    }

    /** A started part: what to close, and its process for pid files and watching. */
    private record Running(String name, AutoCloseable component, ChildProcess process) {
    }
}
