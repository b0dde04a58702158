package dev.wharf.cluster;

import dev.wharf.launcher.ClusterValues;
import dev.wharf.launcher.Platform;
import dev.wharf.launcher.PlatformPlan;
import dev.wharf.launcher.ServiceProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * The platform as {@code ./wharf up --replicas 2} runs it (two replicas of each gateway behind HAProxy, sized from
 * the chart's values, and two of each service behind a second HAProxy), on free ports, started once for this
 * module's test JVM.
 */
final class ClusterPlatform {
    static final int REPLICAS = 2;
    /** Failed logins that ban an address (the chart's default is higher; the ban test makes this many). */
    static final int MAX_FAILURES = 3;
    private static ClusterPlatform instance;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Platform platform;
    private final String password = "Cluster-" + UUID.randomUUID() + "-x";

    private ClusterPlatform() {
        ClusterValues values = ClusterValues.fromChart();
        Path runDir = Path.of(System.getProperty("user.dir"), "target", "cluster-" + UUID.randomUUID().toString()
                .substring(0, 8));
        // one plan picks every port, the replicas' passive slices included, so none of them collides
        PlatformPlan plan = PlatformPlan.withFreePorts(runDir, password, REPLICAS * values.portsPerReplica())
                .gatewayReplicas(REPLICAS, values)
                .serviceReplicas(REPLICAS)
                // every client reaches HAProxy from 127.0.0.1: the tests' own failures (killed replicas) must not
                // ban it; the ban test names other addresses in PROXY headers
                .property(Platform.POLICY, "wharf.policy.defender.max-failures", Integer.toString(MAX_FAILURES))
                .property(Platform.POLICY, "wharf.policy.defender.exempt-cidrs", "127.0.0.0/8")
                .build();
        platform = Platform.start(plan, line -> System.out.println("[cluster] " + line));
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "cluster-platform-stop"));
        warmUp();
    }

    /**
     * Waits until a login through HAProxy succeeds on each protocol, a few times so that round robin reaches both
     * replicas: the first logins of cold JVMs on a loaded machine can outlast the gateways' calls to the services
     * (refused with service_unavailable), and the tests measure the cluster, not its first second.
     */
    private void warmUp() {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (String scheme : new String[]{"ftps", "sftp"}) {
            int port = "ftps".equals(scheme) ? plan().ftpImplicitPorts().getFirst() : plan().sftpPort();
            int ok = 0;
            Curl.Result last = null;
            for (int attempt = 0; ok < 2 * REPLICAS; attempt++) {
                if (System.nanoTime() > deadline || attempt == 40) {
                    throw new IllegalStateException("no " + scheme + " logins through HAProxy (" + ok + " of " + 2 * REPLICAS + "): " + last);
                }
                last = Curl.run(java.util.List.of("-sS", "-k", "--connect-timeout", "30", "-u", user() + ":" + password,
                        "-l", scheme + "://127.0.0.1:" + port + "/"));
                ok = last.ok() ? ok + 1 : ok;
            }
        }
    }

    /** The platform of this test JVM, started on first use. */
    static synchronized ClusterPlatform get() {
        if (instance == null) {
            instance = new ClusterPlatform();
        }
        return instance;
    }

    Platform platform() {
        return platform;
    }

    PlatformPlan plan() {
        return platform.plan();
    }

    String user() {
        return plan().demoUser();
    }

    String password() {
        return password;
    }

    /** A replica of a gateway or service. */
    ServiceProcess replica(String module, int ordinal) {
        return platform.service(Platform.replicaName(module, ordinal));
    }

    /**
     * The sum of a counter or gauge's samples on one replica ({@code /q/metrics}) whose labels contain
     * {@code labelFilter} (empty: all); 0 when the replica does not answer (killed, restarting).
     */
    double metric(String module, int ordinal, String name, String labelFilter) {
        ServiceProcess replica = replica(module, ordinal);
        if (replica == null) {
            return 0;
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(replica.baseUrl() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            double sum = 0;
            for (String line : response.body().split("\n")) {
                if ((line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(labelFilter)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** API requests a service replica answered so far (Quarkus's HTTP server metric, {@code /v1/...} paths). */
    double apiRequests(String module, int ordinal) {
        return metric(module, ordinal, "http_server_requests_seconds_count", "uri=\"/v1/");
    }

    /** Logins that succeeded on a replica so far. */
    double okLogins(String module, int ordinal) {
        String name = Platform.GATEWAY_FTP.equals(module) ? "wharf_ftp_logins_total" : "wharf_sftp_logins_total";
        return metric(module, ordinal, name, "reason=\"ok\"");
    }

    /** Sessions open on a replica now. */
    double openSessions(String module, int ordinal) {
        String name = Platform.GATEWAY_FTP.equals(module) ? "wharf_ftp_sessions_open" : "wharf_sftp_sessions_open";
        return metric(module, ordinal, name, "");
    }
}
