package dev.wharf.launcher;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

/**
 * The real components for tests: one Keycloak, one Kafka and one S3Proxy per JVM, each started on first use
 * on free loopback ports, working under {@code <user.dir>/target/components-run/}, and stopped when the JVM exits.
 */
public final class TestComponents {

    // A port picked free can be taken by another test JVM before the component binds it; retrying with a fresh
    // port makes that race harmless.
    private static final int START_ATTEMPTS = 3;

    // not guarded by the class monitor: the shutdown hook must not wait for a start still in progress
    private static final Deque<AutoCloseable> STARTED = new ConcurrentLinkedDeque<>();
    private static KeycloakServer keycloak;
    private static KafkaServer kafka;
    private static S3ProxyServer s3proxy;
    private static boolean hookInstalled;

    /** The audit topic the test Keycloak's event listener publishes on. */
    public static final String KEYCLOAK_AUDIT_TOPIC = "wharf.audit";

    private TestComponents() {
    }

    /**
     * The JVM's Keycloak (bootstrap admin {@code admin} with a random password), started on first call; its
     * wharf-audit listener publishes on {@value #KEYCLOAK_AUDIT_TOPIC} of {@link #kafka()}.
     */
    public static synchronized KeycloakServer keycloak() {
        if (keycloak == null) {
            String kafkaServers = kafka().bootstrapServers();
            keycloak = started("keycloak", dir -> KeycloakServer.start(dir, Ports.free(),
                    KeycloakServer.DEFAULT_ADMIN_USER, KeycloakServer.storedOrNewPassword(dir.toAbsolutePath()),
                    dir.toAbsolutePath().resolve("keycloak.log"), kafkaServers, KEYCLOAK_AUDIT_TOPIC));
        }
        return keycloak;
    }

    /** The JVM's Kafka broker, started on first call. */
    public static synchronized KafkaServer kafka() {
        if (kafka == null) {
            kafka = started("kafka", dir -> KafkaServer.start(dir, Ports.free()));
        }
        return kafka;
    }

    /** The JVM's S3Proxy, started on first call. */
    public static synchronized S3ProxyServer s3proxy() {
        if (s3proxy == null) {
            s3proxy = started("s3proxy", dir -> S3ProxyServer.start(dir, Ports.free()));
        }
        return s3proxy;
    }

    /** A fresh folder {@code <user.dir>/target/components-run/<name>-<random>} for a component or a test. */
    public static Path newWorkDir(String name) {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath()
                .resolve("target/components-run").resolve(name + "-" + Secrets.token(8).toLowerCase());
    }

    private static <T extends AutoCloseable> T started(String name, Function<Path, T> starter) {
        installHook();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                T component = starter.apply(newWorkDir(name));
                STARTED.push(component);
                return component;
            } catch (Poll.TimeoutException e) {
                // slow, not unlucky: another attempt would only wait as long again
                throw new IllegalStateException("cannot start " + name + " for tests", e);
            } catch (RuntimeException e) {
                if (last != null) {
                    e.addSuppressed(last);
                }
                last = e;
            }
        }
        throw new IllegalStateException("cannot start " + name + " for tests after " + START_ATTEMPTS
                + " attempts", last);
    }

    private static void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestComponents::stopAll, "wharf-test-components-stop"));
            hookInstalled = true;
        }
    }

    private static void stopAll() {
        Deque<AutoCloseable> toStop = new ArrayDeque<>();
        for (AutoCloseable component = STARTED.poll(); component != null; component = STARTED.poll()) {
            toStop.add(component);
        }
        // the three are independent: stop them together so a JVM exit waits for the slowest only
        toStop.parallelStream().forEach(component -> {
            try {
                component.close();
            } catch (Exception e) {
                System.err.println("wharf: could not stop " + component + ": " + e);
            }
        });
    }
}
