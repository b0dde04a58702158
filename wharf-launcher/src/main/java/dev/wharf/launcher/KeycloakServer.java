package dev.wharf.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Keycloak server on loopback as a child process: the cached, pre-built distribution started with
 * {@code --optimized}, its H2 database and transaction log in the instance's own folder.
 */
public final class KeycloakServer implements AutoCloseable {

    /**
     * How long start() waits for the master realm to answer: 180 s (the machine may be busy), or the ISO-8601
     * duration in system property {@code wharf.keycloak.ready-timeout}.
     */
    public static final Duration READY_TIMEOUT = Duration.parse(
            System.getProperty("wharf.keycloak.ready-timeout", "PT180S"));
    /** The bootstrap admin's user name unless another is given. */
    public static final String DEFAULT_ADMIN_USER = "admin";

    private static final String PASSWORD_FILE = "admin-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChildProcess process;
    private final int port;
    private final String adminUser;
    private final String adminPassword;
    private final Path workDir;

    private KeycloakServer(ChildProcess process, int port, String adminUser, String adminPassword, Path workDir) {
        this.process = process;
        this.port = port;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.workDir = workDir;
    }

    /**
     * Starts Keycloak on 127.0.0.1:{@code httpPort} with its data in {@code workDir}. The bootstrap admin is
     * {@value #DEFAULT_ADMIN_USER} with a random password kept in {@code workDir}/admin-password, so a restart
     * on the same folder (whose database already holds that admin) uses the same password.
     */
    public static KeycloakServer start(Path workDir, int httpPort) {
        Path dir = workDir.toAbsolutePath();
        return start(dir, httpPort, DEFAULT_ADMIN_USER, storedOrNewPassword(dir));
    }

    /**
     * Starts Keycloak on 127.0.0.1:{@code httpPort} with its data in {@code workDir} and the given bootstrap
     * admin (Keycloak creates it only with a new database: a reused folder keeps its first admin).
     */
    public static KeycloakServer start(Path workDir, int httpPort, String adminUser, String adminPassword) {
        return start(workDir, httpPort, adminUser, adminPassword, workDir.toAbsolutePath().resolve("keycloak.log"));
    }

    /** As {@link #start(Path, int, String, String)}, logging to {@code logFile} (appended). */
    public static KeycloakServer start(Path workDir, int httpPort, String adminUser, String adminPassword,
                                       Path logFile) {
        return start(workDir, httpPort, adminUser, adminPassword, logFile, null, null);
    }

    /**
     * As {@link #start(Path, int, String, String, Path)}, with the wharf-audit event listener publishing on
     * {@code auditTopic} at {@code auditBootstrapServers} (null: the listener, if installed, stays off).
     */
    public static KeycloakServer start(Path workDir, int httpPort, String adminUser, String adminPassword,
                                       Path logFile, String auditBootstrapServers, String auditTopic) {
        return start(workDir, httpPort, adminUser, adminPassword, logFile, auditBootstrapServers, auditTopic, null);
    }

    /**
     * As {@link #start(Path, int, String, String, Path, String, String)}, exporting traces over OTLP/HTTP to
     * {@code tracingEndpoint} (null: no tracing), so that the spans of the calls identity-service makes carrying a
     * W3C {@code traceparent} join the session's trace.
     */
    public static KeycloakServer start(Path workDir, int httpPort, String adminUser, String adminPassword,
                                       Path logFile, String auditBootstrapServers, String auditTopic,
                                       String tracingEndpoint) {
        Path dir = workDir.toAbsolutePath();
        Path home = KeycloakDistribution.home(tracingEndpoint != null);
        try {
            Files.createDirectories(dir.resolve("h2"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Keycloak folder " + dir, e);
        }
        List<String> command = new ArrayList<>(List.of(
                "/bin/sh", home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                // Narayana keeps its object store under the home by default; per instance, so that two
                // instances never share (or recover) each other's transaction log.
                "-Dquarkus.transaction-manager.object-store.directory=" + dir.resolve("transaction-logs"),
                "-Djava.io.tmpdir=" + dir.resolve("tmp"),
                "--db-url=jdbc:h2:file:" + dir.resolve("h2/keycloakdb") + ";NON_KEYWORDS=VALUE",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-enabled=true",
                "--hostname-strict=false",
                // run-time option: without it JGroups listens on 7800 and 57800 on every interface
                "--cache=local",
                // health and metrics are off in the build, so the management interface does not start; the port
                // is still moved off the default 9000 in case it ever does
                "--http-management-port=" + Ports.free()));
        if (auditBootstrapServers != null) {
            command.addAll(KeycloakProviders.auditOptions(auditBootstrapServers, auditTopic));
        }
        if (tracingEndpoint != null) {
            // the services export OTLP over HTTP (quarkus-opentelemetry's default in Wharf); Keycloak's default is gRPC
            command.addAll(List.of("--tracing-endpoint=" + tracingEndpoint, "--tracing-protocol=http/protobuf"));
        }
        Map<String, String> env = baseEnvironment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUser);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        try {
            Files.createDirectories(dir.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir.resolve("tmp"), e);
        }
        ChildProcess child = ChildProcess.start("keycloak", command, env, dir, logFile.toAbsolutePath());
        KeycloakServer server = new KeycloakServer(child, httpPort, adminUser, adminPassword, dir);
        try {
            Poll.until("Keycloak to answer " + server.baseUrl() + "/realms/master", READY_TIMEOUT, child,
                    () -> Http.status(URI.create(server.baseUrl() + "/realms/master")) == 200);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        return server;
    }

    /** The base URL, {@code http://127.0.0.1:<port>} (no context path). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The HTTP port. */
    public int port() {
        return port;
    }

    /** The bootstrap admin of the master realm. */
    public String adminUser() {
        return adminUser;
    }

    /** The bootstrap admin's password. */
    public String adminPassword() {
        return adminPassword;
    }

    /** The instance's folder (database, transaction log, log file). */
    public Path workDir() {
        return workDir;
    }

    /** The kc.sh process (the JVM is its child). */
    public ChildProcess process() {
        return process;
    }

    /** An access token of the bootstrap admin from the master realm (password grant, client admin-cli). */
    public String adminToken() {
        return adminToken("admin-cli");
    }

    /** An access token of the bootstrap admin from the master realm through the public client {@code clientId}. */
    public String adminToken(String clientId) {
        return token(baseUrl(), "master", clientId, adminUser, adminPassword);
    }

    /** An access token by password grant; fails with Keycloak's status and error text when refused. */
    public static String token(String baseUrl, String realm, String clientId, String user, String password) {
        return token(baseUrl, realm, user, "grant_type=password&client_id=" + encode(clientId) + "&username="
                + encode(user) + "&password=" + encode(password));
    }

    /** An access token by client-credentials grant of a confidential client (a service account). */
    public static String serviceToken(String baseUrl, String realm, String clientId, String secret) {
        return token(baseUrl, realm, clientId, "grant_type=client_credentials&client_id=" + encode(clientId)
                + "&client_secret=" + encode(secret));
    }

    private static String token(String baseUrl, String realm, String user, String form) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(baseUrl + "/realms/" + encode(realm) + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = Http.client().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + user + " in realm " + realm
                        + ": HTTP " + response.statusCode() + " " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            return body.path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach Keycloak at " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Keycloak for a token", e);
        }
    }

    /** Stops kc.sh and its JVM (SIGTERM, SIGKILL after 20 s). */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "Keycloak " + baseUrl() + " (pid " + process.pid() + ")";
    }

    /**
     * The environment for kc.sh: JAVA_HOME of this JVM, and none of the caller's KC_* or JAVA_OPTS* variables,
     * which would silently change the database, the ports or the heap.
     */
    static Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        for (String name : System.getenv().keySet()) {
            if (name.startsWith("KC_") || name.startsWith("KEYCLOAK_") || name.startsWith("JAVA_OPTS")
                    || name.equals("JAVA_ADD_OPENS") || name.equals("JAVA_LOCALE") || name.equals("DEBUG")
                    || name.equals("DEBUG_PORT") || name.equals("JAVA")) {
                env.put(name, null);
            }
        }
        env.put("JAVA_HOME", Java.home().toString());
        return env;
    }

    /**
     * The admin password kept in {@code workDir}/admin-password, or a new random one written there (0600):
     * Keycloak creates the bootstrap admin only with a new database, so a reused folder needs the first password.
     */
    public static String storedOrNewPassword(Path workDir) {
        Path dir = workDir.toAbsolutePath();
        Path file = dir.resolve(PASSWORD_FILE);
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            String password = Secrets.token(20);
            Secrets.writeOwnerOnly(file, password + "\n");
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the Keycloak admin password in " + file, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
