import dev.wharf.core.access.AccessRule;
import dev.wharf.core.access.AccessRules;
import dev.wharf.core.access.Permission;
import dev.wharf.core.quota.Quota;
import dev.wharf.core.quota.Usage;
import dev.wharf.storage.backend.StorageBackend;
import dev.wharf.storage.backend.StorageConfig;
import dev.wharf.storage.backend.StoragePath;
import dev.wharf.storage.backend.UploadBody;
import dev.wharf.storage.backend.WriteMode;
import dev.wharf.storage.local.LocalBackend;
import dev.wharf.storage.quota.UsageCounter;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The cost per operation of issue 14's checks, without JMH (bench/access-cost.sh runs it): a folder rule check
 * (AccessRules.decide plus the path mapping, as FileOperations and storage-service do per call) with no, few and
 * many rules, and a quota check (storage-service's usage count of a home, by listing, plus Quota.maxSize) for homes
 * of 100 to 10,000 files on the local backend; then the site quota's count, the walk of a whole tenant's namespace
 * (many homes, as a tenant with a site quota pays on each upload), for tenants of 10,000 and 50,000 files. Prints
 * nanoseconds or microseconds per operation, median of 5 rounds.
 */
public class AccessCost {
    public static void main(String[] args) throws Exception {
        rules("no rules", AccessRules.NONE);
        rules("3 rules + 1 shared folder", AccessRules.of(List.of(AccessRule.parse("read-only /", null),
                AccessRule.parse("full /work", null), AccessRule.parse("upload-only /work/inbox", "partners"),
                AccessRule.parseMount("finance no-delete /shared/finance", "finance"))));
        List<AccessRule> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(AccessRule.parse("list,read /projects/p" + i, i % 2 == 0 ? null : "g" + i));
            many.add(AccessRule.parseMount("team" + i + " full /shared/team" + i, "g" + i));
        }
        rules("100 rules (50 of them shared folders)", AccessRules.of(many));

        Path root = Files.createTempDirectory("wharf-access-cost");
        try {
            StorageBackend backend = new LocalBackend(root, StorageConfig.ChecksumMode.sidecar, Duration.ofHours(1));
            for (int files : new int[]{100, 1_000, 10_000}) {
                quota(backend, files);
            }
            // a tenant: homes of 500 files each; its site quota counts them all
            for (int homes : new int[]{20, 100}) {
                String tenant = "tenant" + homes;
                for (int h = 0; h < homes; h++) {
                    fill(backend, tenant, "/user" + h, 500);
                }
                measure(backend, tenant, "/", String.format("site quota check, tenant of %,6d files in %3d homes:",
                        homes * 500, homes), homes * 500);
            }
        } finally {
            try (var walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void rules(String name, AccessRules rules) {
        String[] paths = {"/a.txt", "/work/inbox/x.csv", "/shared/finance/2026/q1.csv", "/projects/p7/doc.pdf"};
        int n = 1_000_000;
        long sink = 0;
        long[] rounds = new long[5];
        for (int r = -2; r < rounds.length; r++) { // two warm-up rounds
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String p = paths[i & 3];
                sink += rules.decide(p).allows(Permission.WRITE) ? 1 : 0;
                sink += rules.real("/alice", p).length();
            }
            if (r >= 0) {
                rounds[r] = System.nanoTime() - t;
            }
        }
        java.util.Arrays.sort(rounds);
        System.out.printf("folder rule check, %-38s %8.0f ns/op%s%n", name + ":", (double) rounds[2] / n,
                sink == 42 ? " " : "");
    }

    private static void quota(StorageBackend backend, int files) {
        String home = "/home" + files;
        fill(backend, "bench", home, files);
        measure(backend, "bench", home, String.format("quota check, home of %,6d files in %3d folders:", files,
                (files + 99) / 100), files);
    }

    /** {@code files} files of 100 bytes in {@code folder}, 100 to a subfolder. */
    private static void fill(StorageBackend backend, String tenant, String folder, int files) {
        byte[] content = new byte[100];
        for (int i = 0; i < files; i++) {
            backend.write(StoragePath.of(tenant, folder + "/d" + (i / 100) + "/f" + i + ".bin"), WriteMode.REPLACE,
                    new UploadBody(new ByteArrayInputStream(content), content.length));
        }
    }

    /** The usage count of {@code folder} plus the limit's arithmetic, per operation. */
    private static void measure(StorageBackend backend, String tenant, String folder, String label, int files) {
        Quota q = new Quota(1L << 30, 1_000_000, Quota.UNLIMITED);
        int n = Math.max(3, 20_000 / files);
        long[] rounds = new long[5];
        long sink = 0;
        for (int r = -1; r < rounds.length; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Usage u = UsageCounter.count(backend, StoragePath.of(tenant, folder));
                sink += q.maxSize(u, -1);
            }
            if (r >= 0) {
                rounds[r] = System.nanoTime() - t;
            }
        }
        java.util.Arrays.sort(rounds);
        double us = (double) rounds[2] / n / 1000;
        System.out.printf("%-56s %8.0f us/op (%.1f us a file)%s%n", label, us, us / files, sink == 42 ? " " : "");
    }
}
