package dev.wharf.bench.grant;

import dev.wharf.api.grant.GrantClaims;
import dev.wharf.api.grant.GrantKeys;
import dev.wharf.api.grant.GrantSigner;
import dev.wharf.api.grant.GrantVerifier;
import dev.wharf.api.grant.RemoteGrantKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the trust boundary costs on the hot paths: identity-service signs one grant per login (and per renewal,
 * every few minutes of a session); storage-service verifies one per call (one per file transfer, listing, stat).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GrantBenchmark {
    private final GrantKeys keys = GrantKeys.of(List.of(GrantKeys.generate()));
    private final GrantSigner signer = new GrantSigner(keys);
    private final GrantVerifier verifier = new GrantVerifier(RemoteGrantKeys.local(keys));
    private final String token = signer.sign(claims()).token();

    private static GrantClaims claims() {
        Instant now = Instant.now();
        return new GrantClaims(GrantClaims.SESSION, "acme", "alice", "5f0c2a8e-7d1b-4c55-9a0e-2b4f7d9c1e33",
                "/alice", "sftp", "0f3c9a7e-51d2-4b8e-a6f1-8c2d3e4f5a6b", now, now.plus(Duration.ofMinutes(5)), now);
    }

    @Benchmark
    public String sign() {
        return signer.sign(claims()).token();
    }

    @Benchmark
    public GrantClaims verify() {
        return verifier.verify(token);
    }

    /** The size of the Authorization header a storage call carries, printed once for the notes. */
    public static void main(String[] args) {
        System.out.println("grant token length: " + new GrantBenchmark().token.length() + " bytes");
    }
}
