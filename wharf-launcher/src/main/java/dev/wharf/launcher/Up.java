package dev.wharf.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./wharf up}: runs the whole platform in the foreground from the project's {@code .wharf/} folder until
 * Ctrl-C, SIGTERM or {@code ./wharf down}; the demo password comes from WHARF_DEMO_PASSWORD or is made once.
 */
public final class Up {

    /** Exit code when another {@code up} runs or a port is taken. */
    static final int EXIT_CONFLICT = 2;
    /** Exit code when the platform fails to start or a part of it dies. */
    static final int EXIT_FAILED = 1;
    /** Exit code when a setting from the environment is malformed. */
    static final int EXIT_USAGE = 64;

    private static final PrintStream OUT = System.out;
    private static final String PASSWORD_FILE = "demo-password";

    private Up() {
    }

    /**
     * Entry point; {@code --replicas N} runs N replicas of each FTP/SFTP gateway and of each service behind HAProxy, everything else
     * comes from the environment (see wharf-launcher/README.md).
     */
    public static void main(String[] args) throws IOException {
        int replicas = 1;
        try {
            replicas = replicas(args);
        } catch (IllegalArgumentException e) {
            fail(EXIT_USAGE, e.getMessage());
        }
        Path root = ProjectPaths.root();
        Path runDir = Optional.ofNullable(System.getenv("WHARF_RUN_DIR")).filter(s -> !s.isBlank())
                .map(Path::of).orElse(root.resolve(".wharf")).toAbsolutePath();
        Files.createDirectories(runDir.resolve("run"));
        Path upPid = runDir.resolve("run/up.pid");
        Optional<Long> running = livePid(upPid);
        if (running.isPresent()) {
            fail(EXIT_CONFLICT, "Wharf is already running (pid " + running.get() + "); `./wharf down` stops it");
        }

        DemoPassword demo = demoPassword(runDir);
        PlatformPlan.Builder builder = PlatformPlan.defaults(runDir, demo.value());
        String backend = System.getenv("WHARF_STORAGE_BACKEND");
        if (backend != null && !backend.isBlank()) {
            builder.storageBackend(backend.trim());
        }
        String tracing = System.getenv("WHARF_TRACING_ENDPOINT");
        if (tracing != null && !tracing.isBlank()) {
            builder.tracingEndpoint(tracing.trim());
        }
        String tenancy = System.getenv("WHARF_TENANCY");
        if (tenancy != null && !tenancy.isBlank()) {
            try {
                builder.tenancy(tenancy.trim());
            } catch (IllegalArgumentException e) {
                fail(EXIT_USAGE, e.getMessage());
            }
        }
        try {
            PortOverrides.apply(builder, System.getenv());
            if (replicas > 1) {
                // the chart runs every service with replicas too; locally they sit behind HAProxy as the gateways do
                builder.gatewayReplicas(replicas, ClusterValues.fromChart()).serviceReplicas(replicas);
            }
        } catch (IllegalArgumentException e) {
            fail(EXIT_USAGE, e.getMessage());
        }
        PlatformPlan plan = builder.build();
        checkPortsFree(plan);

        Files.writeString(upPid, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        Platform platform = Platform.prepare(plan, message -> OUT.println("wharf: " + message));
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            OUT.println("wharf: stopping");
            platform.close();
            deleteQuietly(upPid);
            OUT.println("wharf: stopped");
        }, "wharf-stop"));

        OUT.println("wharf: run folder " + relative(root, runDir) + " (logs in " + relative(root, plan.logDir()) + ")");
        try {
            platform.start();
        } catch (RuntimeException e) {
            if (stopping.get()) {
                return;
            }
            OUT.println("wharf: FAILED to start: " + e.getMessage());
            fail(EXIT_FAILED, "logs are in " + plan.logDir());
        }
        printReady(root, platform, demo);
        watch(platform, stopping);
    }

    /** Blocks until a part exits; if that was not a requested stop, reports it and exits (the hook stops the rest). */
    private static void watch(Platform platform, AtomicBoolean stopping) {
        Map<String, ChildProcess> processes = platform.processes();
        CompletableFuture<?>[] exits = processes.values().stream().map(ChildProcess::onExit)
                .toArray(CompletableFuture[]::new);
        try {
            ChildProcess gone = (ChildProcess) CompletableFuture.anyOf(exits).get();
            if (!stopping.get()) {
                OUT.println("wharf: " + gone.name() + " exited unexpectedly with code " + gone.exitCode()
                        + "; its log: " + gone.logFile());
                OUT.println(gone.tail(15));
                fail(EXIT_FAILED, "stopping everything");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            fail(EXIT_FAILED, "cannot watch the processes: " + e.getCause());
        }
    }

    private static void printReady(Path root, Platform platform, DemoPassword demo) {
        PlatformPlan plan = platform.plan();
        String user = plan.demoUser();
        String password = plan.demoPassword();
        int ftp = plan.ftpExplicitPorts().getFirst();
        String ca = relative(root, platform.certificate().certificate());
        OUT.println();
        OUT.printf("Wharf is up in %.1f s: tenant %s, user %s, password %s%s%n",
                platform.startTime().toMillis() / 1000.0, plan.demoTenant(), user, password,
                demo.source().isEmpty() ? "" : " (" + demo.source() + ")");
        OUT.println("  lftp:   lftp -u " + user + "," + password + " -p " + ftp
                + " -e 'set ftp:ssl-force yes; set ssl:ca-file " + ca + "' 127.0.0.1");
        OUT.println("  curl:   curl -k --ssl-reqd ftp://" + user + ":" + password + "@127.0.0.1:" + ftp + "/");
        OUT.println("  sftp:   sftp -P " + plan.sftpPort() + " " + user + "@127.0.0.1   (alternate port "
                + plan.sftpAlternatePort() + ")");
        OUT.println("  portal: https://" + plan.demoTenant() + "." + plan.baseDomain()
                + (plan.webPort() == 443 ? "" : ":" + plan.webPort()) + "/ (sign in as " + user + ")");
        OUT.println("  operator console: https://" + plan.baseDomain()
                + (plan.webPort() == 443 ? "" : ":" + plan.webPort()) + "/ (tenants and bans; Keycloak's admin)");
        OUT.println("  FTPS implicit TLS on " + plan.ftpImplicitPorts() + ", explicit TLS on " + plan.ftpExplicitPorts()
                + ", passive " + plan.passivePortFirst() + "-" + plan.passivePortLast());
        OUT.println("  Keycloak " + platform.keycloak().baseUrl() + " (admin password in "
                + relative(root, plan.dataDir().resolve("keycloak/admin-password")) + "), Kafka "
                + platform.kafka().bootstrapServers() + ", audit topic " + plan.auditTopic());
        if (plan.clustered()) {
            OUT.println("  cluster: " + plan.gatewayReplicas() + " replicas of each gateway on 127.0.0.2-"
                    + PlatformPlan.replicaAddress(plan.gatewayReplicas() - 1) + " behind HAProxy on 127.0.0.1 (PROXY v2;"
                    + " passive slices of " + plan.clusterValues().portsPerReplica() + " ports; config "
                    + relative(root, platform.haproxy().configFile()) + ")");
        }
        if (plan.servicesClustered()) {
            OUT.println("  services: " + plan.serviceReplicas() + " replicas of identity-, policy- and storage-service"
                    + " on 127.0.0.2-" + PlatformPlan.replicaAddress(plan.serviceReplicas() - 1)
                    + ", balanced on their ports of 127.0.0.1 by HAProxy (config "
                    + relative(root, platform.servicesHaproxy().configFile()) + ")");
        }
        OUT.println("  logs:   " + relative(root, plan.logDir()) + "/");
        OUT.println("  stop:   Ctrl-C here, or ./wharf down in another shell");
        OUT.flush();
    }

    /** {@code --replicas N} (also {@code --replicas=N}); 1 without it. */
    static int replicas(String[] args) {
        int replicas = 1;
        for (int i = 0; i < args.length; i++) {
            String value;
            if (args[i].startsWith("--replicas=")) {
                value = args[i].substring("--replicas=".length());
            } else if (args[i].equals("--replicas") && i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i] + " (up takes --replicas N)");
            }
            try {
                replicas = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--replicas takes a number, was " + value);
            }
            if (replicas < 1 || replicas > 250) {
                throw new IllegalArgumentException("--replicas must be 1-250, was " + replicas);
            }
        }
        return replicas;
    }

    private static void checkPortsFree(PlatformPlan plan) {
        StringBuilder taken = new StringBuilder();
        plan.listeningPorts().forEach((port, owner) -> {
            if (!Ports.isFree(port)) {
                taken.append("\n  ").append(port).append(" (").append(owner).append(")");
            }
        });
        if (!taken.isEmpty()) {
            fail(EXIT_CONFLICT, "these ports are in use on 127.0.0.1:" + taken
                    + "\nis Wharf already running (./wharf status), or another program on them?");
        }
    }

    /** The demo password and where it came from. */
    private record DemoPassword(String value, String source) {
    }

    private static DemoPassword demoPassword(Path runDir) throws IOException {
        String fromEnv = System.getenv("WHARF_DEMO_PASSWORD");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DemoPassword(fromEnv.trim(), "from WHARF_DEMO_PASSWORD");
        }
        Path file = runDir.resolve(PASSWORD_FILE);
        if (Files.isRegularFile(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!stored.isEmpty()) {
                return new DemoPassword(stored, "from " + file);
            }
        }
        String made = Secrets.token(16);
        Secrets.writeOwnerOnly(file, made + "\n");
        return new DemoPassword(made, "new, kept in " + file);
    }

    private static Optional<Long> livePid(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(true))
                    .map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String relative(Path root, Path path) {
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // ./wharf status treats a pid file of a dead process as stale
        }
    }

    private static void fail(int code, String message) {
        System.err.println("wharf: " + message);
        System.exit(code);
    }
}
