import dev.wharf.launcher.Platform;
import dev.wharf.launcher.PlatformPlan;
import dev.wharf.launcher.Poll;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka away for a long time while a client uploads, and a gateway killed meanwhile: does every event reach the
 * topic exactly once by id after Kafka returns? Starts its own platform (the packaged services, free ports), stops
 * Kafka for the given minutes while one FTPS client (curl) uploads in a loop, SIGKILLs gateway-ftp half-way and
 * starts it again (its spool holds what Kafka has not taken), brings Kafka back, waits for the spools to drain,
 * then reads the topic with kcat and counts, for gateway-ftp's events since the start: spooled ("sent"), records on
 * the topic, distinct ids, duplicates, and the uploads answered 226 without a file.uploaded event.
 */
public final class KafkaOutage {
    private static final Pattern ACCEPTED = Pattern.compile(
            "^wharf_audit_events_accepted_total(?:\\{[^}]*})? ([0-9.E]+)$", Pattern.MULTILINE);
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern TYPE = Pattern.compile("\"type\":\"([^\"]+)\"");
    private static final Pattern SOURCE = Pattern.compile("\"source\":\"([^\"]+)\"");
    private static final Pattern PATH = Pattern.compile("\"path\":\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 30;
        Path runDir = Path.of(args.length > 1 ? args[1] : "target/kafka-outage").toAbsolutePath()
                .resolve("run-" + UUID.randomUUID().toString().substring(0, 8));
        Path work = Files.createDirectories(runDir.resolve("client"));
        String password = "Bench-" + UUID.randomUUID();
        PlatformPlan plan = PlatformPlan.withFreePorts(runDir, password).build();
        try (Platform platform = Platform.start(plan, line -> System.out.println("[platform] " + line))) {
            String ftp = "ftp://127.0.0.1:" + plan.ftpExplicitPorts().getFirst() + "/";
            Path src = work.resolve("src.bin");
            Files.write(src, new byte[100_000]);
            String prefix = "outage-" + UUID.randomUUID().toString().substring(0, 8) + "-";

            System.out.printf("stopping Kafka for %.1f min%n", minutes);
            platform.stopKafka();
            Instant stopped = Instant.now();
            long end = System.nanoTime() + (long) (minutes * 60e9);
            long killAt = System.nanoTime() + (long) (minutes * 30e9);
            boolean killed = false;
            double acceptedBeforeKill = 0;
            int ok = 0;
            int failed = 0;
            List<String> uploaded = new ArrayList<>();
            for (int i = 0; System.nanoTime() < end && i < 1_000_000; i++) {
                if (!killed && System.nanoTime() >= killAt) {
                    acceptedBeforeKill = accepted(plan.ftpHttpPort());
                    ProcessHandle jvm = platform.service(Platform.GATEWAY_FTP).process().jvm().orElseThrow();
                    System.out.printf("SIGKILL gateway-ftp (pid %d) after %d uploads, %.0f events spooled%n",
                            jvm.pid(), ok, acceptedBeforeKill);
                    jvm.destroyForcibly();
                    Poll.until("gateway-ftp to die", Duration.ofSeconds(20), null, () -> !jvm.isAlive());
                    platform.restartService(Platform.GATEWAY_FTP);
                    killed = true;
                }
                String name = prefix + i + ".bin";
                if (curl(work, List.of("-T", src.toString(), ftp + name), password) == 0) {
                    ok++;
                    uploaded.add("/" + name);
                } else {
                    failed++;
                }
            }
            double acceptedAfter = accepted(plan.ftpHttpPort());
            System.out.printf("Kafka away %.0f s: %d uploads answered 226, %d failed%n",
                    Duration.between(stopped, Instant.now()).toMillis() / 1000.0, ok, failed);
            platform.restartKafka();
            Instant back = Instant.now();

            // drained when the topic holds a file.uploaded for every 226 (bounded: 10 min)
            String bootstrap = platform.kafka().bootstrapServers();
            Set<String> wanted = new HashSet<>(uploaded);
            List<String> records = List.of();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (System.nanoTime() < deadline) {
                records = kcat(work, bootstrap, plan.auditTopic());
                Set<String> seen = new HashSet<>();
                for (String r : records) {
                    if (r.contains("\"dev.wharf.file.uploaded\"")) {
                        seen.add(group(PATH, r));
                    }
                }
                if (seen.containsAll(wanted)) {
                    break;
                }
            }
            long drainMillis = Duration.between(back, Instant.now()).toMillis();

            Map<String, Integer> perId = new HashMap<>();
            Set<String> uploadedOnTopic = new HashSet<>();
            int fromFtp = 0;
            for (String r : records) {
                if (!"/gateway-ftp".equals(group(SOURCE, r))) {
                    continue;
                }
                fromFtp++;
                perId.merge(group(ID, r), 1, Integer::sum);
                if ("dev.wharf.file.uploaded".equals(group(TYPE, r))) {
                    uploadedOnTopic.add(group(PATH, r));
                }
            }
            long duplicates = perId.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
            long missing = uploaded.stream().filter(p -> !uploadedOnTopic.contains(p)).count();
            System.out.printf("KAFKA-OUTAGE minutes=%.1f uploads_ok=%d uploads_failed=%d spooled_by_gateway_ftp=%.0f"
                            + " (%.0f before the kill + %.0f after) records_on_topic=%d distinct_ids=%d duplicates=%d"
                            + " uploads_without_event=%d drain_after_kafka_back_ms=%d%n",
                    minutes, ok, failed, acceptedBeforeKill + acceptedAfter, acceptedBeforeKill, acceptedAfter,
                    fromFtp, perId.size(), duplicates, missing, drainMillis);
        }
    }

    private static int curl(Path work, List<String> rest, String password) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("curl", "-sS", "-k", "--ssl-reqd", "--max-time", "30",
                "--user", "demo:" + password));
        c.addAll(rest);
        Process p = new ProcessBuilder(c).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** Every record of the topic, one JSON value per line (kcat reads to the end and exits). */
    private static List<String> kcat(Path work, String bootstrap, String topic) throws IOException, InterruptedException {
        Path out = work.resolve("topic.jsonl");
        Process p = new ProcessBuilder("kcat", "-b", bootstrap, "-t", topic, "-C", "-o", "beginning", "-e", "-q",
                "-f", "%s\\n").redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return List.of();
        }
        return Files.readAllLines(out);
    }

    private static double accepted(int httpPort) throws IOException, InterruptedException {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/metrics"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = ACCEPTED.matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private static String group(Pattern p, String record) {
        Matcher m = p.matcher(record);
        return m.find() ? m.group(1) : "";
    }
}
