package dev.wharf.storage.contract;

import com.sun.net.httpserver.HttpServer;
import dev.wharf.api.grant.GrantClaims;
import dev.wharf.api.grant.GrantKeys;
import dev.wharf.api.grant.GrantSigner;
import dev.wharf.core.access.AccessRules;
import dev.wharf.core.quota.Quota;
import dev.wharf.core.quota.SiteQuota;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Grants for the tests, signed like identity-service signs them: a key made per test JVM, published as a JWKS by
 * a small loopback server that storage-service is pointed at ({@code wharf.storage.grants.keys-url}).
 */
public final class TestGrants implements QuarkusTestResourceLifecycleManager {
    private static final GrantKeys KEYS = GrantKeys.of(List.of(GrantKeys.generate()));
    private static final KeyPair STRANGER = GrantKeys.generate();
    private static HttpServer server;

    /** The JWKS address; the server starts on first use and lives as long as the test JVM. */
    public static synchronized URI keysUrl() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] jwks = KEYS.publicJwks().getBytes(StandardCharsets.UTF_8);
            server.createContext("/v1/grants/keys", ex -> {
                ex.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
                ex.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/grants/keys");
    }

    @Override
    public Map<String, String> start() {
        return Map.of("wharf.storage.grants.keys-url", keysUrl().toString());
    }

    @Override
    public void stop() {
        // the server serves every test class of the JVM; it ends with the JVM
    }

    /** A session grant of {@code tenant} reaching all of it. */
    public static String session(String tenant) {
        return session(tenant, "/");
    }

    /** A session grant of {@code tenant} reaching {@code home} and below, valid for an hour. */
    public static String session(String tenant, String home) {
        return sign(KEYS, GrantClaims.SESSION, tenant, home, Instant.now(), Duration.ofHours(1));
    }

    /** A session grant of {@code tenant} reaching {@code home} and the shared folders {@code access} mounts. */
    public static String session(String tenant, String home, AccessRules access) {
        return session(tenant, home, access, Quota.NONE);
    }

    /** A session grant of {@code tenant} reaching {@code home}, with storage limits {@code quota}. */
    public static String session(String tenant, String home, Quota quota) {
        return session(tenant, home, AccessRules.NONE, quota);
    }

    /** A session grant of {@code tenant} reaching {@code home} and what {@code access} mounts, limited by {@code quota}. */
    public static String session(String tenant, String home, AccessRules access, Quota quota) {
        return session(tenant, home, access, quota, SiteQuota.NONE);
    }

    /** As {@link #session(String, String, AccessRules, Quota)}, with the site's limits {@code site} as well. */
    public static String session(String tenant, String home, AccessRules access, Quota quota, SiteQuota site) {
        Instant from = Instant.now();
        return new GrantSigner(KEYS).sign(new GrantClaims(GrantClaims.SESSION, tenant, "tester", "u-tester", home,
                "sftp", "s-test", from, from.plus(Duration.ofHours(1)), from, access, quota, site)).token();
    }

    /** A session grant of the whole tenant that expires after {@code life}. */
    public static String shortLived(String tenant, Duration life) {
        return sign(KEYS, GrantClaims.SESSION, tenant, "/", Instant.now(), life);
    }

    /** A session grant that expired a minute ago. */
    public static String expired(String tenant) {
        return sign(KEYS, GrantClaims.SESSION, tenant, "/", Instant.now().minus(Duration.ofMinutes(6)),
                Duration.ofMinutes(5));
    }

    /** A grant signed by a key storage-service has never seen. */
    public static String forged(String tenant) {
        return sign(GrantKeys.of(List.of(STRANGER)), GrantClaims.SESSION, tenant, "/", Instant.now(), Duration.ofHours(1));
    }

    /** identity-service's grant for removing a tenant's files. */
    public static String purge(String tenant) {
        return sign(KEYS, GrantClaims.TENANT_PURGE, tenant, "/", Instant.now(), Duration.ofMinutes(5));
    }

    private static String sign(GrantKeys keys, String scope, String tenant, String home, Instant from, Duration life) {
        return new GrantSigner(keys).sign(new GrantClaims(scope, tenant, "tester", "u-tester", home, "sftp",
                "s-test", from, from.plus(life), from)).token();
    }
}
