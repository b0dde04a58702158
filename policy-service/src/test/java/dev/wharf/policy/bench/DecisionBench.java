package dev.wharf.policy.bench;

import dev.wharf.core.identity.Principal;
import dev.wharf.core.policy.Decision;
import dev.wharf.core.session.Protocol;
import dev.wharf.policy.address.CidrList;
import dev.wharf.policy.ban.BanSettings;
import dev.wharf.policy.ban.InMemoryBanStore;
import dev.wharf.policy.decision.PolicyDecider;
import dev.wharf.policy.geo.GeoIpCountries;
import dev.wharf.policy.site.SiteSettings;
import dev.wharf.policy.site.SiteSettingsCache;
import dev.wharf.policy.testing.GeoLiteDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decisions per second and latency with a warm site cache and the real GeoLite2 Country database, single thread.
 * Not a unit test (the name does not end in Test, so surefire skips it); run it on its own:
 * {@code ./mvnw -o -pl policy-service test -Dtest=DecisionBench -Dsurefire.failIfNoSpecifiedTests=false}.
 * A plain timing loop rather than JMH (not in the build): numbers are indicative, warm-up is done by hand.
 */
class DecisionBench {
    private static final int WARMUP = 200_000;
    private static final int MEASURED = 500_000;

    @TempDir
    Path dir;

    @Test
    void warmCacheDecisions() throws Exception {
        AtomicInteger keycloakReads = new AtomicInteger();
        Map<String, String> attributes = Map.of(SiteSettings.ALLOWED_CIDRS, "0.0.0.0/0,::/0",
                SiteSettings.DENIED_COUNTRIES, "KP", SiteSettings.PLAIN_FTP, "false");
        SiteSettingsCache sites = new SiteSettingsCache(t -> {
            keycloakReads.incrementAndGet();
            return Optional.of(SiteSettings.fromAttributes(attributes));
        }, Duration.ofMinutes(10), Duration.ofMinutes(5), 1000, Clock.systemUTC());
        try (GeoIpCountries geo = new GeoIpCountries(GeoLiteDatabase.country(dir.resolve("c.mmdb")),
                Duration.ofSeconds(30), Clock.systemUTC())) {
            PolicyDecider decider = new PolicyDecider(
                    new InMemoryBanStore(new BanSettings(10, Duration.ofMinutes(10), Duration.ofMinutes(15), 100_000)),
                    CidrList.of(List.of()), Set.of(), sites::settings, geo, Clock.systemUTC());
            Principal user = new Principal("acme", "ann", "id", List.of(), "/ann", List.of("sftp", "ftps"),
                    List.of("0.0.0.0/0", "::/0"));
            String[] ips = {"8.8.8.8", "81.2.69.142", "2001:4860:4860::8888", "::ffff:81.2.69.142"};

            run("connect", WARMUP, i -> decider.connect(ips[i & 3], "acme", Protocol.SFTP));
            run("login", WARMUP, i -> decider.login(user, Protocol.SFTP, ips[i & 3], true));
            long[] connect = run("connect", MEASURED, i -> decider.connect(ips[i & 3], "acme", Protocol.SFTP));
            long[] login = run("login", MEASURED, i -> decider.login(user, Protocol.SFTP, ips[i & 3], true));
            report("connect (ban + site ranges + country)", connect);
            report("login (site + user ranges + protocol)", login);
            assertEquals(1, keycloakReads.get(), "a warm cache never reads Keycloak");
            assertTrue(connect.length == MEASURED && login.length == MEASURED);
        }
    }

    private interface Call {
        Decision apply(int i);
    }

    private static long[] run(String what, int n, Call call) {
        long[] nanos = new long[n];
        int allowed = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            Decision d = call.apply(i);
            nanos[i] = System.nanoTime() - t0;
            if (d.allowed()) {
                allowed++;
            }
        }
        assertEquals(n, allowed, what + ": every decision in the benchmark is an allow");
        return nanos;
    }

    private static void report(String what, long[] nanos) {
        long total = Arrays.stream(nanos).sum();
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("BENCH %s: %,.0f decisions/s; p50 %.1f us, p99 %.1f us, p99.9 %.1f us%n", what,
                nanos.length / (total / 1e9), sorted[sorted.length / 2] / 1e3,
                sorted[(int) (sorted.length * 0.99)] / 1e3, sorted[(int) (sorted.length * 0.999)] / 1e3);
    }
}
