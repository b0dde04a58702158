package dev.wharf.bench.policy;

import dev.wharf.core.identity.Principal;
import dev.wharf.core.policy.Decision;
import dev.wharf.core.session.Protocol;
import dev.wharf.policy.address.CidrList;
import dev.wharf.policy.ban.Defender;
import dev.wharf.policy.ban.DefenderSettings;
import dev.wharf.policy.decision.PolicyDecider;
import dev.wharf.policy.geo.GeoIpCountries;
import dev.wharf.policy.site.SiteRules;
import dev.wharf.policy.site.SiteSettingsCache;
import dev.wharf.tenancy.RealmAttributes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * policy-service's decision path with a warm site-settings cache: the connect decision (ban, site ranges, GeoIP
 * country with the real GeoLite2 Country database) and the login decision (site and user ranges, countries,
 * protocol, encryption), on a mix of IPv4, IPv6 and IPv4-mapped addresses. Throughput and sampled latency.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class DecisionBenchmark {
    private static final String[] IPS = {"8.8.8.8", "81.2.69.142", "2001:4860:4860::8888", "::ffff:81.2.69.142"};

    private Path dir;
    private GeoIpCountries geo;
    private PolicyDecider decider;
    private Principal user;
    private final AtomicInteger keycloakReads = new AtomicInteger();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("policy-jmh-");
        Path db = dir.resolve("GeoLite2-Country.mmdb");
        try (InputStream in = DecisionBenchmark.class.getClassLoader().getResourceAsStream("GeoLite2-Country.mmdb")) {
            if (in == null) {
                throw new IllegalStateException("GeoLite2-Country.mmdb is not on the classpath (geolite2-databases)");
            }
            Files.copy(in, db, StandardCopyOption.REPLACE_EXISTING);
        }
        geo = new GeoIpCountries(db, Duration.ofSeconds(30), Clock.systemUTC());
        Map<String, String> attributes = Map.of(RealmAttributes.ALLOWED_CIDRS, "0.0.0.0/0,::/0",
                RealmAttributes.DENIED_COUNTRIES, "KP", RealmAttributes.PLAIN_FTP, "false");
        SiteSettingsCache sites = new SiteSettingsCache(t -> {
            keycloakReads.incrementAndGet();
            return Optional.of(SiteRules.fromAttributes(attributes));
        }, Duration.ofHours(1), Duration.ofMinutes(5), 1000, Clock.systemUTC());
        Defender defender = Defender.local(new DefenderSettings(10, Duration.ofMinutes(5), Duration.ofMinutes(15),
                Duration.ofHours(24), Duration.ofHours(24), 100_000, CidrList.of(List.of())), Clock.systemUTC());
        // some bans in the ledger, so that the ban lookup is not of an empty map
        for (int i = 0; i < 1000; i++) {
            for (int f = 0; f < 10; f++) {
                defender.recordFailure("198.18." + (i / 250) + "." + (i % 250), "acme", "u" + i, "sftp");
            }
        }
        decider = new PolicyDecider(defender, Set.of(), sites::settings, geo, Clock.systemUTC());
        user = new Principal("acme", "ann", "id", List.of(), "/ann", List.of("sftp", "ftps"),
                List.of("0.0.0.0/0", "::/0"));
        decider.connect(IPS[0], "acme", Protocol.SFTP);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        geo.close();
        if (keycloakReads.get() != 1) {
            throw new IllegalStateException("a warm cache must read Keycloak once, read " + keycloakReads.get());
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    public Decision connect() {
        return decider.connect(IPS[next++ & 3], "acme", Protocol.SFTP);
    }

    @Benchmark
    public Decision login() {
        return decider.login(user, Protocol.SFTP, IPS[next++ & 3], true);
    }
}
