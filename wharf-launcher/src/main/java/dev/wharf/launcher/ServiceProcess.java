package dev.wharf.launcher;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One of Wharf's packaged Quarkus services run as a child process, ready once its readiness check is UP. */
public final class ServiceProcess implements AutoCloseable {

    /** How long start() waits for /q/health/ready unless told otherwise. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final String module;
    private final String host;
    private final int httpPort;
    private final ChildProcess process;

    private ServiceProcess(String module, String host, int httpPort, ChildProcess process) {
        this.module = module;
        this.host = host;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** The packaged application of {@code module}: {@code <root>/<module>/target/quarkus-app/quarkus-run.jar}. */
    public static Path runnerJar(String module) {
        return ProjectPaths.module(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * Runs {@code module}'s packaged app on 127.0.0.1:{@code httpPort} (or the {@code quarkus.http.host} given) with the given system properties (no
     * secrets: they show in {@code ps}) and environment (secrets go here), in {@code workDir}, logging to
     * {@code logFile}; returns once {@code GET /q/health/ready} answers 200 within {@code timeout}.
     */
    public static ServiceProcess start(String module, int httpPort, Map<String, String> systemProperties,
                                       Map<String, String> env, List<String> jvmOptions, Path workDir,
                                       Path logFile, Duration timeout) {
        return start(module, module, httpPort, systemProperties, env, jvmOptions, workDir, logFile, timeout);
    }

    /** As above for one replica of {@code module}, named {@code name} (e.g. gateway-ftp-1) in messages. */
    public static ServiceProcess start(String module, String name, int httpPort, Map<String, String> systemProperties,
                                       Map<String, String> env, List<String> jvmOptions, Path workDir,
                                       Path logFile, Duration timeout) {
        Path jar = runnerJar(module);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with `./mvnw -q -pl " + module
                    + " -am install -DskipTests` in " + ProjectPaths.root());
        }
        Map<String, String> properties = new TreeMap<>(systemProperties);
        properties.put("quarkus.http.port", Integer.toString(httpPort));
        properties.putIfAbsent("quarkus.http.host", "127.0.0.1");
        List<String> command = new ArrayList<>();
        command.add(Java.executable());
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        ChildProcess child = ChildProcess.start(name, command, env, workDir, logFile);
        ServiceProcess service = new ServiceProcess(module, properties.get("quarkus.http.host"), httpPort, child);
        try {
            Poll.until(name + " to be ready (" + service.readyUrl() + ")", timeout, child,
                    () -> Http.status(URI.create(service.readyUrl())) == 200);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        return service;
    }

    /** The module name, e.g. identity-service. */
    public String module() {
        return module;
    }

    /** The HTTP port. */
    public int httpPort() {
        return httpPort;
    }

    /** {@code http://<host>:<port>}, the host being 127.0.0.1 but for replicas of the local cluster. */
    public String baseUrl() {
        return "http://" + host + ":" + httpPort;
    }

    /** The readiness URL. */
    public String readyUrl() {
        return baseUrl() + "/q/health/ready";
    }

    /** The service's process. */
    public ChildProcess process() {
        return process;
    }

    /** Stops the service (SIGTERM lets Quarkus shut down gracefully; SIGKILL after 20 s). */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return module + " " + baseUrl() + " (pid " + process.pid() + ")";
    }
}
