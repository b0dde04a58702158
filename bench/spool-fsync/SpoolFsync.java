import dev.wharf.audit.spool.AuditSpool;
import dev.wharf.audit.spool.SpoolSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * What the audit spool costs a transfer: latency of {@code AuditSpool.append} (write + force, group commit) with 1, 4,
 * 16 and 64 concurrent writers, on the disk under the given directory. Run by bench/spool-fsync.sh.
 */
public class SpoolFsync {
    public static void main(String[] args) throws Exception {
        Path base = Path.of(args.length > 0 ? args[0] : "target/spool-fsync");
        int perThreadEvents = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        // a realistic file.uploaded event: ~450 bytes of CloudEvent JSON
        String event = "{\"specversion\":\"1.0\",\"id\":\"0b6c3c1e-8a53-4f43-9d2e-2b7f5a3c9e11\",\"source\":\"/gateway-ftp\","
                + "\"type\":\"dev.wharf.file.uploaded\",\"time\":\"2026-12-07T05:06:07.123456Z\",\"subject\":\"/reports/q1.csv\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"tenant\":\"acme\",\"user\":\"alice\",\"protocol\":\"ftps\","
                + "\"clientAddress\":\"192.0.2.7\",\"sessionId\":\"5f0e2c1a\",\"path\":\"/reports/q1.csv\",\"bytes\":1234,"
                + "\"offset\":0,\"size\":1234,\"durationMs\":17,\"sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}}";
        System.out.printf("spool on %s (%s), event %d bytes%n", base.toAbsolutePath(),
                Files.getFileStore(Files.createDirectories(base)).type(), event.length());
        System.out.println("writers  events  p50_ms  p90_ms  p99_ms  max_ms  events_per_s");
        for (int writers : new int[] {1, 4, 16, 64}) {
            Path dir = base.resolve("w" + writers + "-" + System.nanoTime());
            int each = Math.max(50, perThreadEvents / Math.max(1, writers / 4));
            long[][] lat = new long[writers][each];
            long start;
            long elapsed;
            try (AuditSpool spool = AuditSpool.open(SpoolSettings.defaults(dir))) {
                for (int i = 0; i < 200; i++) {
                    spool.append("acme", event); // warm-up: JIT, file creation
                }
                ExecutorService pool = Executors.newFixedThreadPool(writers);
                try {
                    List<Future<?>> done = new ArrayList<>();
                    start = System.nanoTime();
                    for (int w = 0; w < writers; w++) {
                        long[] mine = lat[w];
                        done.add(pool.submit(() -> {
                            for (int i = 0; i < mine.length; i++) {
                                long t = System.nanoTime();
                                spool.append("acme", event);
                                mine[i] = System.nanoTime() - t;
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get();
                    }
                    elapsed = System.nanoTime() - start;
                } finally {
                    pool.shutdownNow();
                }
            }
            long[] all = Arrays.stream(lat).flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("%7d  %6d  %6.2f  %6.2f  %6.2f  %6.2f  %12.0f%n", writers, all.length, ms(all, 0.50),
                    ms(all, 0.90), ms(all, 0.99), all[all.length - 1] / 1e6, all.length / (elapsed / 1e9));
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }
}
