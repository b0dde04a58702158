package dev.wharf.launcher;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A single-node KRaft Kafka broker (combined broker and controller) running as a child process on loopback. */
public final class KafkaServer implements AutoCloseable {

    /** How long start() waits for the broker to answer. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private static final short API_VERSIONS_KEY = 18;
    private static final short UNSUPPORTED_VERSION = 35;

    private final ChildProcess process;
    private final int port;
    private final int controllerPort;
    private final Path workDir;

    private KafkaServer(ChildProcess process, int port, int controllerPort, Path workDir) {
        this.process = process;
        this.port = port;
        this.controllerPort = controllerPort;
        this.workDir = workDir;
    }

    /** Starts a broker on 127.0.0.1:{@code port} with its data and log in {@code workDir}; returns when it answers. */
    public static KafkaServer start(Path workDir, int port) {
        return start(workDir, port, Ports.free());
    }

    /**
     * Starts a broker on 127.0.0.1:{@code port} with its KRaft controller on {@code controllerPort}. A
     * {@code workDir} that holds a formatted broker from an earlier run is reused with its topics.
     */
    public static KafkaServer start(Path workDir, int port, int controllerPort) {
        return start(workDir, port, controllerPort, workDir.toAbsolutePath().resolve("kafka.log"));
    }

    /** As {@link #start(Path, int, int)}, logging to {@code logFile} (appended). */
    public static KafkaServer start(Path workDir, int port, int controllerPort, Path logFile) {
        Path dir = workDir.toAbsolutePath();
        Path dataDir = dir.resolve("data");
        Path config = dir.resolve("server.properties");
        Path log = logFile.toAbsolutePath();
        String classpath = Components.kafkaClasspath();
        try {
            Files.createDirectories(dataDir);
            Files.writeString(config, properties(port, controllerPort, dataDir), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka folder " + dir, e);
        }
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            // Formatting is a JVM start of its own (a few seconds), so it is done only for a fresh folder.
            ChildProcess.run("kafka-storage-format",
                    List.of(Java.executable(), "-Xmx256m", "-cp", classpath, "kafka.tools.StorageTool",
                            "format", "-t", newClusterId(), "-c", config.toString()),
                    Map.of(), dir, log, Duration.ofSeconds(120));
        }
        ChildProcess child = ChildProcess.start("kafka",
                List.of(Java.executable(), "-Xmx512m", "-Xms128m", "-Djava.awt.headless=true",
                        "-Dorg.slf4j.simpleLogger.showDateTime=true",
                        "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
                        "-cp", classpath, "kafka.Kafka", config.toString()),
                Map.of(), dir, log);
        KafkaServer server = new KafkaServer(child, port, controllerPort, dir);
        try {
            Poll.until("Kafka to answer ApiVersions on 127.0.0.1:" + port, READY_TIMEOUT, child, server::answers);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        return server;
    }

    /** The bootstrap servers string for clients: {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The client (PLAINTEXT) port. */
    public int port() {
        return port;
    }

    /** The KRaft controller port. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The broker's folder (data, config, log). */
    public Path workDir() {
        return workDir;
    }

    /** The broker process. */
    public ChildProcess process() {
        return process;
    }

    /** Whether the broker answers an ApiVersions request now (Kafka's own liveness probe, no client library). */
    public boolean answers() {
        return answersApiVersions(port);
    }

    /** Stops the broker: SIGTERM (a controlled shutdown takes about 2 s), SIGKILL after 20 s. */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "Kafka " + bootstrapServers() + " (pid " + process.pid() + ")";
    }

    static String properties(int port, int controllerPort, Path dataDir) {
        return String.join("\n",
                "# written by the Wharf launcher on every start",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir,
                "num.partitions=1",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "min.insync.replicas=1",
                "default.replication.factor=1",
                "group.initial.rebalance.delay.ms=0",
                "") ;
    }

    /** A Kafka cluster id: 16 random bytes, URL-safe base64 without padding (what {@code random-uuid} prints). */
    static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        // an id starting with '-' reads as an option to the storage tool's argument parser (Kafka's own
        // Uuid.randomUuid() avoids it the same way); bounded: each try has a 63/64 chance
        for (int i = 0; i < 1000; i++) {
            random.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!id.startsWith("-")) {
                return id;
            }
        }
        throw new IllegalStateException("no Kafka cluster id without a leading '-' in 1000 tries");
    }

    /**
     * Sends ApiVersions v0 and checks the answer's correlation id: the broker enables request processing only
     * at the end of its start-up, so an answer means clients can use it.
     */
    static boolean answersApiVersions(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(2000);
            byte[] clientId = "wharf-launcher".getBytes(StandardCharsets.UTF_8);
            int correlationId = 0x5748;
            var out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(2 + 2 + 4 + 2 + clientId.length);
            out.writeShort(API_VERSIONS_KEY);
            out.writeShort(0);
            out.writeInt(correlationId);
            out.writeShort(clientId.length);
            out.write(clientId);
            out.flush();
            var in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            if (size < 6 || size > 1_000_000) {
                return false;
            }
            int answeredId = in.readInt();
            short error = in.readShort();
            return answeredId == correlationId && (error == 0 || error == UNSUPPORTED_VERSION);
        } catch (IOException e) {
            return false;
        }
    }
}
