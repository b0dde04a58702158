package dev.wharf.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * HAProxy from the operating system in front of the gateway replicas, or of the service replicas, with a
 * configuration made from the plan.
 */
public final class HaproxyProcess implements AutoCloseable {
    /** How long start() waits for the public ports to listen. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final Path configFile;

    private HaproxyProcess(ChildProcess process, Path configFile) {
        this.process = process;
        this.configFile = configFile;
    }

    /** The HAProxy executable: {@code WHARF_HAPROXY} or {@code haproxy} on the PATH or in /usr/sbin (Debian's). */
    static String executable() {
        String configured = System.getenv("WHARF_HAPROXY");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "haproxy"))) {
                return Path.of(dir, "haproxy").toString();
            }
        }
        if (Files.isExecutable(Path.of("/usr/sbin/haproxy"))) {
            return "/usr/sbin/haproxy";
        }
        throw new IllegalStateException("HAProxy is not installed: `apt-get install haproxy` (or set WHARF_HAPROXY)");
    }

    /**
     * Writes {@code <runDir>/haproxy/haproxy.cfg}, checks it ({@code haproxy -c}) and runs HAProxy in the
     * foreground; returns once every public gateway port listens.
     */
    public static HaproxyProcess start(PlatformPlan plan, Path logFile) {
        List<Integer> ports = new java.util.ArrayList<>(plan.ftpExplicitPorts());
        ports.addAll(plan.ftpImplicitPorts());
        ports.add(plan.sftpPort());
        ports.add(plan.sftpAlternatePort());
        return start("haproxy", plan.runDir().resolve("haproxy"), HaproxyConfig.render(plan), ports, logFile);
    }

    /**
     * Writes {@code <runDir>/haproxy-services/haproxy.cfg} (the services' balancer), checks it and runs it; returns
     * once each service's port on 127.0.0.1 listens.
     */
    public static HaproxyProcess startServices(PlatformPlan plan, Path logFile) {
        List<Integer> ports = List.of(plan.identityPort(), plan.policyPort(), plan.storagePort());
        return start("haproxy-services", plan.runDir().resolve("haproxy-services"), HaproxyConfig.renderServices(plan),
                ports, logFile);
    }

    private static HaproxyProcess start(String name, Path dir, String text, List<Integer> ports, Path logFile) {
        Path config = dir.resolve("haproxy.cfg");
        try {
            Files.createDirectories(dir);
            Files.writeString(config, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        String haproxy = executable();
        ChildProcess.run(name + " -c", List.of(haproxy, "-c", "-q", "-f", config.toString()), Map.of(), dir,
                logFile, Duration.ofSeconds(20));
        ChildProcess child = ChildProcess.start(name, List.of(haproxy, "-db", "-f", config.toString()),
                Map.of(), dir, logFile);
        try {
            Poll.until("HAProxy to listen on " + ports, READY_TIMEOUT, child,
                    () -> ports.stream().allMatch(Ports::isListening));
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        return new HaproxyProcess(child, config);
    }

    /** The generated configuration file. */
    public Path configFile() {
        return configFile;
    }

    /** The HAProxy process. */
    public ChildProcess process() {
        return process;
    }

    /** Stops HAProxy (SIGTERM: a hard stop, the replicas' own drain is what keeps transfers). */
    @Override
    public void close() {
        process.close();
    }
}
