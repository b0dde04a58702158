package dev.wharf.cluster;

import dev.wharf.launcher.Platform;
import dev.wharf.launcher.PlatformPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local cluster (two replicas of each gateway behind HAProxy, PROXY v2, a passive slice per replica; two of
 * each service behind another HAProxy) with real clients: sessions spread over both replicas of everything, 2FA
 * state shared by the identity replicas, a replica killed mid-transfer, a rolling restart under load, a client
 * with several addresses, a replica of every service killed. The platform starts once; the disruptive tests run last and leave every replica running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final int SESSIONS = 50;
    private static final int PARALLEL = 6;
    private static ClusterPlatform cluster;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        cluster = ClusterPlatform.get();
    }

    @Test
    @Order(1)
    void fiftyFtpsAndFiftySftpSessionsSpreadOverBothReplicasAndKeepEveryByte() throws Exception {
        double[][] servicesBefore = serviceRequests();
        double[] ftpBefore = logins(Platform.GATEWAY_FTP);
        double[] sftpBefore = logins(Platform.GATEWAY_SFTP);
        long begin = System.nanoTime();
        List<String> failures = runAll(2 * SESSIONS, i -> roundTrip("spread", i, 64 * 1024 + i));
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf("[cluster] spread: %d sessions (upload + download each), %d at a time, in %.1f s: "
                + "%.1f sessions/s%n", 2 * SESSIONS, PARALLEL, seconds, 2 * SESSIONS / seconds);
        assertEquals(List.of(), failures);
        double[] ftpAfter = logins(Platform.GATEWAY_FTP);
        double[] sftpAfter = logins(Platform.GATEWAY_SFTP);
        for (int r = 0; r < ClusterPlatform.REPLICAS; r++) {
            // round robin: about half each; a third is proof enough of spreading and survives a slow check
            assertTrue(ftpAfter[r] - ftpBefore[r] >= SESSIONS / 3.0, "FTPS logins on replica " + r + ": "
                    + (ftpAfter[r] - ftpBefore[r]));
            assertTrue(sftpAfter[r] - sftpBefore[r] >= SESSIONS / 3.0, "SFTP logins on replica " + r + ": "
                    + (sftpAfter[r] - sftpBefore[r]));
        }
        // the gateways' calls (logins, decisions, files) are balanced over both replicas of every service
        double[][] servicesAfter = serviceRequests();
        for (int m = 0; m < SERVICES.size(); m++) {
            for (int r = 0; r < ClusterPlatform.REPLICAS; r++) {
                double served = servicesAfter[m][r] - servicesBefore[m][r];
                System.out.printf("[cluster] spread: %s replica %d answered %.0f API requests%n", SERVICES.get(m), r,
                        served);
                assertTrue(served >= SESSIONS / 10.0, SERVICES.get(m) + " replica " + r + " answered " + served);
            }
        }
    }

    @Test
    @Order(4)
    void aSecondFactorCodeUsedOnOneIdentityReplicaIsRefusedOnTheOtherAndItsGraceHonoured() {
        // straight to each identity replica, as HAProxy would send two logins of a gateway
        Platform platform = cluster.platform();
        String tenant = cluster.plan().demoTenant();
        String admin = platform.identityUrl() + "/v1/admin/tenants/" + tenant;
        String operator = platform.operatorToken();
        String password = "Olga-" + java.util.UUID.randomUUID() + "-x"; // not 6 trailing digits (read as a code)
        assertEquals(2, ServiceApi.call("POST", admin + "/users", operator,
                java.util.Map.of("username", "olga", "password", password)).path("status").asInt() / 100);
        assertEquals(2, ServiceApi.call("PUT", admin + "/settings", operator,
                java.util.Map.of("otpGraceSeconds", 600)).path("status").asInt() / 100);
        com.fasterxml.jackson.databind.JsonNode enrolment = ServiceApi.call("POST", admin + "/users/olga/otp", operator,
                java.util.Map.of());
        String secret = enrolment.path("secret").asText();
        assertFalse(secret.isEmpty(), enrolment.toString());
        String gateway = platform.gatewayToken();
        String first = cluster.replica(Platform.IDENTITY, 0).baseUrl() + "/v1/authenticate";
        String second = cluster.replica(Platform.IDENTITY, 1).baseUrl() + "/v1/authenticate";
        String code = ServiceApi.totp(secret);
        assertEquals("ok", authenticate(first, gateway, password, code, "198.51.100.7"));
        // grace (same user, same address, password alone) on the other replica, once the shared state reached it:
        // a refusal here is second_factor_required, no failed login
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String grace = "";
        for (int attempt = 0; attempt < 300 && !"ok".equals(grace) && System.nanoTime() < deadline; attempt++) {
            grace = authenticate(second, gateway, password, null, "198.51.100.7");
            assertTrue("ok".equals(grace) || "second_factor_required".equals(grace), grace);
        }
        assertEquals("ok", grace, "the grace window opened on replica 0 is honoured on replica 1");
        // the code, from elsewhere (no grace there): replica 1 knows it was used on replica 0
        assertEquals("second_factor_reused", authenticate(second, gateway, password, code, "198.51.100.8"));
        // and a grace window is per address: the other address still needs a code
        assertEquals("second_factor_required", authenticate(second, gateway, password, null, "198.51.100.8"));
    }

    private static String authenticate(String url, String token, String password, String otp, String clientIp) {
        java.util.Map<String, Object> body = new java.util.HashMap<>(java.util.Map.of("tenant", cluster.plan()
                .demoTenant(), "username", "olga", "password", password, "clientIp", clientIp, "protocol", "sftp"));
        if (otp != null) {
            body.put("otp", otp);
        }
        com.fasterxml.jackson.databind.JsonNode answer = ServiceApi.call("POST", url, token, body);
        return answer.path("reason").asText("HTTP " + answer.path("status").asInt());
    }

    @Test
    @Order(7)
    void killingOneReplicaOfEachServiceLeavesLoginsAndTransfersWorking() throws Exception {
        for (String module : SERVICES) {
            ProcessHandle java = serviceJvm(module, 0);
            assertTrue(java.destroyForcibly(), "SIGKILL sent to " + module + "-0");
            assertTrue(java.onExit().get(30, TimeUnit.SECONDS) != null);
        }
        double[][] before = serviceRequests();
        // at once: HAProxy has not marked them down yet (checks every second), so it meets refused connections
        // and sends those requests to the other replica
        List<String> failures = runAll(20, i -> roundTrip("service-kill", i, 32 * 1024 + i));
        System.out.printf("[cluster] service kill: replica 0 of every service SIGKILLed, 20 sessions after it, "
                + "%d failed%n", failures.size());
        assertEquals(List.of(), failures);
        double[][] after = serviceRequests();
        for (int m = 0; m < SERVICES.size(); m++) {
            assertTrue(after[m][1] > before[m][1], SERVICES.get(m) + " replica 1 took the requests");
        }
        // every replica running again for whatever runs next
        ExecutorService pool = Executors.newFixedThreadPool(SERVICES.size());
        try {
            List<Future<?>> restarts = new ArrayList<>();
            for (String module : SERVICES) {
                restarts.add(pool.submit(() -> cluster.platform().restartReplica(module, 0)));
            }
            for (Future<?> f : restarts) {
                f.get(4, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static final List<String> SERVICES = List.of(Platform.IDENTITY, Platform.POLICY, Platform.STORAGE);

    /** API requests answered so far, by service (as in {@link #SERVICES}) and replica. */
    private static double[][] serviceRequests() {
        double[][] counts = new double[SERVICES.size()][ClusterPlatform.REPLICAS];
        for (int m = 0; m < SERVICES.size(); m++) {
            for (int r = 0; r < ClusterPlatform.REPLICAS; r++) {
                counts[m][r] = cluster.apiRequests(SERVICES.get(m), r);
            }
        }
        return counts;
    }

    @Test
    @Order(2)
    void aClientWithSeveralAddressesForOneNameRetriesTheNext() throws Exception {
        // 127.0.0.9: an address of the name where nothing listens (a load balancer that is down). The name is the
        // site's host (<tenant>.<base domain>): the FTP gateway refuses SNI naming no site (ALPACA)
        PlatformPlan plan = cluster.plan();
        String host = plan.demoTenant() + "." + plan.baseDomain();
        int port = plan.ftpImplicitPorts().getFirst();
        Path local = randomFile("resolve.bin", 10_000);
        Path back = tmp.resolve("back-resolve.bin");
        Curl.Result r = Curl.uploadAndDownload("ftps://" + host + ":" + port + "/resolve.bin", cluster.user(),
                cluster.password(), local, back, List.of("--resolve", host + ":" + port + ":127.0.0.9,127.0.0.1"));
        assertTrue(r.ok(), r.toString());
        assertEquals(Curl.sha256(local), Curl.sha256(back));
        int sftp = plan.sftpPort();
        Curl.Result s = Curl.uploadAndDownload("sftp://" + host + ":" + sftp + "/resolve-sftp.bin",
                cluster.user(), cluster.password(), local, tmp.resolve("back-resolve-sftp.bin"),
                List.of("--resolve", host + ":" + sftp + ":127.0.0.9,127.0.0.1"));
        assertTrue(s.ok(), s.toString());
    }

    @Test
    @Order(3)
    void aBanEarnedOnOneReplicaRefusesOnTheOtherWithinASecond() throws Exception {
        // as HAProxy would: connections straight to each replica, the PROXY header naming the client
        String client = "203.0.113.50";
        int port = cluster.plan().sftpPort();
        String banned = dev.wharf.core.Reason.ADDRESS_BANNED.userMessage();
        String lastTold = "";
        for (int attempt = 0; attempt <= ClusterPlatform.MAX_FAILURES && !lastTold.contains(banned); attempt++) {
            lastTold = ProxiedSsh.login(PlatformPlan.replicaAddress(0), port, client, cluster.user(), "wrong-" + attempt);
        }
        assertTrue(lastTold.contains(banned), "replica 0 bans after " + ClusterPlatform.MAX_FAILURES
                + " failures: " + lastTold);
        long bannedAt = System.nanoTime();
        String other = ProxiedSsh.login(PlatformPlan.replicaAddress(1), port, client, cluster.user(), cluster.password());
        double seconds = (System.nanoTime() - bannedAt) / 1e9;
        assertTrue(other.contains(banned), "replica 1 refuses the right password too: " + other);
        assertTrue(seconds < 1.0 + ProxiedSsh.CONNECT_SECONDS_ALLOWANCE, "refused after " + seconds + " s");
        System.out.printf("[cluster] ban: earned on replica 0, refused on replica 1 %.2f s later%n", seconds);
        // another address is not affected
        assertEquals("", ProxiedSsh.login(PlatformPlan.replicaAddress(1), port, "203.0.113.51", cluster.user(),
                cluster.password()));
    }

    @Test
    @Order(5)
    void aKilledReplicasSessionsFailAndTheirRetriesSucceedOnTheOtherWithNothingPartialLeft() throws Exception {
        int uploads = 8;
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        List<String> failedNames = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> storedNames = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(uploads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    Path local = randomFile("kill-" + n + ".bin", 1024 * 1024);
                    Curl.Result last = null;
                    for (int attempt = 0; attempt < 3; attempt++) {
                        String name = "kill-" + n + "-" + attempt + ".bin";
                        // the first attempt is slow, so that it is still running when its replica dies
                        List<String> extra = attempt == 0 ? List.of("--limit-rate", "128k") : List.of();
                        Curl.Result r = Curl.upload(url(true, name), cluster.user(), cluster.password(), local, extra);
                        if (r.ok()) {
                            succeeded.incrementAndGet();
                            storedNames.add(name);
                            Path back = tmp.resolve("back-" + name);
                            Curl.Result d = Curl.download(url(true, name), cluster.user(), cluster.password(), back,
                                    List.of());
                            return d.ok() && Curl.sha256(local).equals(Curl.sha256(back)) ? null
                                    : name + ": download differs or failed: " + d;
                        }
                        failed.incrementAndGet();
                        failedNames.add(name);
                        last = r;
                    }
                    return "kill-" + n + ": three attempts failed, the last: " + last;
                }));
            }
            // both replicas are mid-transfer: then replica 0 dies
            poll("both FTP replicas to have sessions", Duration.ofSeconds(60),
                    () -> cluster.openSessions(Platform.GATEWAY_FTP, 0) > 0
                            && cluster.openSessions(Platform.GATEWAY_FTP, 1) > 0);
            ProcessHandle java = serviceJvm(Platform.GATEWAY_FTP, 0);
            assertTrue(java.destroyForcibly(), "SIGKILL sent");
            List<String> problems = new ArrayList<>();
            for (Future<String> f : results) {
                String problem = f.get(3, TimeUnit.MINUTES);
                if (problem != null) {
                    problems.add(problem);
                }
            }
            assertEquals(List.of(), problems);
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("[cluster] kill: %d uploads, %d attempts failed, %d succeeded%n", uploads, failed.get(),
                succeeded.get());
        assertTrue(failed.get() >= 1, "the killed replica had uploads running");
        assertEquals(uploads, succeeded.get());
        List<String> listed = Curl.list(url(true, ""), cluster.user(), cluster.password());
        for (String name : failedNames) {
            assertFalse(listed.contains(name), "a cut upload left " + name + " behind: " + listed);
        }
        assertTrue(listed.containsAll(storedNames), listed.toString());
        cluster.platform().restartReplica(Platform.GATEWAY_FTP, 0);
    }

    @Test
    @Order(6)
    void aRollingRestartOfEveryGatewayReplicaFailsNoTransferStartedBeforeTheDrain() throws Exception {
        int perProtocol = 4;
        List<String> problems = new ArrayList<>();
        long begin = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2 * perProtocol + 2);
        try {
            for (int r = 0; r < ClusterPlatform.REPLICAS; r++) {
                int ordinal = r;
                // a fresh batch per step: round robin puts some of it on the replica about to restart
                List<Future<String>> batch = new ArrayList<>();
                for (int i = 0; i < 2 * perProtocol; i++) {
                    String name = "rolling-" + r + "-" + i + ".bin";
                    boolean ftp = i % 2 == 0;
                    batch.add(pool.submit(() -> slowUploadChecked(ftp, name)));
                }
                double sftpLogins = cluster.okLogins(Platform.GATEWAY_SFTP, ordinal);
                // FTP: a passive port held = a transfer set up; SFTP: a session of this batch logged in (it uploads next)
                poll("replica " + r + " of both gateways to have a transfer", Duration.ofSeconds(60),
                        () -> cluster.metric(Platform.GATEWAY_FTP, ordinal, "wharf_ftp_passive_ports_used", "") > 0
                                && cluster.okLogins(Platform.GATEWAY_SFTP, ordinal) > sftpLogins
                                && cluster.openSessions(Platform.GATEWAY_SFTP, ordinal) > 0,
                        ClusterIT::gatewayGauges);
                Future<?> ftpRestart = pool.submit(() -> cluster.platform().restartReplica(Platform.GATEWAY_FTP, ordinal));
                Future<?> sftpRestart = pool.submit(() -> cluster.platform().restartReplica(Platform.GATEWAY_SFTP, ordinal));
                ftpRestart.get(3, TimeUnit.MINUTES);
                sftpRestart.get(3, TimeUnit.MINUTES);
                for (Future<String> f : batch) {
                    String problem = f.get(3, TimeUnit.MINUTES);
                    if (problem != null) {
                        problems.add(problem);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("[cluster] rolling restart of %d replicas under load: %.1f s, %d transfers, %d failed, "
                        + "%d sessions refused before their transfer and retried%n",
                2 * ClusterPlatform.REPLICAS, (System.nanoTime() - begin) / 1e9,
                ClusterPlatform.REPLICAS * 2 * perProtocol, problems.size(), retriedBeforeTransfer.get());
        assertEquals(List.of(), problems);
        // and the restarted replicas serve again
        Path local = randomFile("after-rolling.bin", 4096);
        for (boolean ftp : new boolean[]{true, false}) {
            Curl.Result r = Curl.uploadAndDownload(url(ftp, "after-rolling.bin"), cluster.user(), cluster.password(),
                    local, tmp.resolve("back-after-rolling-" + ftp), List.of());
            assertTrue(r.ok(), r.toString());
        }
    }

    /** Sessions of the rolling restart that a draining replica ended before their upload sent a byte. */
    private static final AtomicInteger retriedBeforeTransfer = new AtomicInteger();

    /**
     * An upload of about 16 s, then its download compared: longer than the pre-stop wait (preStopSleepSeconds, 10 s)
     * so that the replica's SIGTERM finds it running, shorter than that plus the drain deadline (drainSeconds - 5 =
     * 15 s), so it must finish. A
     * session that a draining replica ends before its upload began (refused, or cut while logging in) is retried,
     * as any client reconnects, at most twice; an upload that had begun must finish.
     */
    private static String slowUploadChecked(boolean ftp, String name) throws Exception {
        Path local = randomFile(name, 2 * 1024 * 1024);
        Curl.Result r = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            r = Curl.upload(url(ftp, name), cluster.user(), cluster.password(), local,
                    List.of("--limit-rate", "128k", "-w", Curl.UPLOADED + "%{size_upload}\n"));
            // no count at all: curl failed in the TLS handshake (exit 35) and printed no -w line: nothing was sent
            if (r.ok() || Curl.uploaded(r) > 0) {
                break;
            }
            retriedBeforeTransfer.incrementAndGet();
        }
        if (!r.ok()) {
            return name + ": " + r;
        }
        Path back = tmp.resolve("back-" + name);
        Curl.Result d = Curl.download(url(ftp, name), cluster.user(), cluster.password(), back, List.of());
        return d.ok() && Curl.sha256(local).equals(Curl.sha256(back)) ? null : name + ": " + d;
    }

    /**
     * Session {@code i} (even: FTPS, odd: SFTP) uploads a file of {@code size} bytes and downloads it in the same
     * session; a problem, or null when the bytes came back.
     */
    private static String roundTrip(String prefix, int i, int size) throws java.io.IOException {
        boolean ftp = i % 2 == 0;
        String name = prefix + (ftp ? "-ftps-" : "-sftp-") + i + ".bin";
        Path local = randomFile(name, size);
        Path back = tmp.resolve("back-" + name);
        Curl.Result r = Curl.uploadAndDownload(url(ftp, name), cluster.user(), cluster.password(), local, back,
                List.of());
        if (!r.ok()) {
            return name + ": " + r;
        }
        return Curl.sha256(local).equals(Curl.sha256(back)) ? null : name + ": the download differs";
    }

    private static String url(boolean ftp, String name) {
        PlatformPlan plan = cluster.plan();
        return ftp ? "ftps://127.0.0.1:" + plan.ftpImplicitPorts().getFirst() + "/" + name
                : "sftp://127.0.0.1:" + plan.sftpPort() + "/" + name;
    }

    private static double[] logins(String module) {
        double[] counts = new double[ClusterPlatform.REPLICAS];
        for (int r = 0; r < counts.length; r++) {
            counts[r] = cluster.okLogins(module, r);
        }
        return counts;
    }

    /** The replica's JVM (the launcher runs it under a small shell guard). */
    private static ProcessHandle serviceJvm(String module, int ordinal) {
        var guard = cluster.replica(module, ordinal).process();
        return guard.jvm().orElseThrow(() -> new AssertionError("no JVM under " + guard));
    }

    private static Path randomFile(String name, int size) throws java.io.IOException {
        byte[] bytes = new byte[size];
        new Random(name.hashCode()).nextBytes(bytes);
        Path file = tmp.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** Runs {@code count} tasks, {@value #PARALLEL} at a time; the problems they report (null = fine). */
    private static List<String> runAll(int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> task.run(n)));
            }
            List<String> problems = new ArrayList<>();
            for (Future<String> f : futures) {
                String problem = f.get(5, TimeUnit.MINUTES);
                if (problem != null) {
                    problems.add(problem);
                }
            }
            return problems;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What each gateway replica holds now, for a timed-out poll's message. */
    private static String gatewayGauges() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < ClusterPlatform.REPLICAS; r++) {
            b.append(String.format(" [replica %d: ftp sessions %.0f, passive ports %.0f, ok logins %.0f;"
                            + " sftp sessions %.0f, ok logins %.0f]", r,
                    cluster.openSessions(Platform.GATEWAY_FTP, r),
                    cluster.metric(Platform.GATEWAY_FTP, r, "wharf_ftp_passive_ports_used", ""),
                    cluster.okLogins(Platform.GATEWAY_FTP, r), cluster.openSessions(Platform.GATEWAY_SFTP, r),
                    cluster.okLogins(Platform.GATEWAY_SFTP, r)));
        }
        return b.toString();
    }

    private static void poll(String what, Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        poll(what, timeout, condition, () -> "");
    }

    private static void poll(String what, Duration timeout, java.util.function.BooleanSupplier condition,
                             java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // bounded in count as well as in time: one round every 50 ms at the most
        for (long round = 0; round <= timeout.toMillis() / 50 + 1; round++) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
            if (Thread.interrupted()) {
                throw new InterruptedException("waiting for " + what);
            }
        }
        throw new AssertionError("timed out waiting for " + what + state.get());
    }

    /** One numbered task; returns a problem or null. */
    private interface Task {
        String run(int n) throws Exception;
    }
}
