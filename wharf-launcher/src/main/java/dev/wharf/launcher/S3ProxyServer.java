package dev.wharf.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An S3-compatible server (S3Proxy over the local file system) running as a child process on loopback. */
public final class S3ProxyServer implements AutoCloseable {

    /** How long start() waits for S3Proxy to answer HTTP. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final ChildProcess process;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final Path workDir;

    private S3ProxyServer(ChildProcess process, int port, String accessKey, String secretKey, Path workDir) {
        this.process = process;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.workDir = workDir;
    }

    /**
     * Starts S3Proxy on 127.0.0.1:{@code port}, storing buckets under {@code workDir}/blobs, with a freshly
     * generated access key and secret (AWS signature v2 or v4); returns when it answers HTTP.
     */
    public static S3ProxyServer start(Path workDir, int port) {
        return start(workDir, port, workDir.toAbsolutePath().resolve("s3proxy.log"));
    }

    /** As {@link #start(Path, int)}, logging to {@code logFile} (appended). */
    public static S3ProxyServer start(Path workDir, int port, Path logFile) {
        Path dir = workDir.toAbsolutePath();
        Path blobs = dir.resolve("blobs");
        Path config = dir.resolve("s3proxy.properties");
        String accessKey = "wharf" + Secrets.token(8);
        String secretKey = Secrets.token(24);
        Path jar = Components.s3proxyJar();
        try {
            Files.createDirectories(blobs);
            Secrets.writeOwnerOnly(config, String.join("\n",
                    "# written by the Wharf launcher; holds this instance's generated secret",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + blobs,
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare S3Proxy folder " + dir, e);
        }
        ChildProcess child = ChildProcess.start("s3proxy",
                List.of(Java.executable(), "-Xmx256m", "-Djava.awt.headless=true",
                        "-jar", jar.toString(), "--properties", config.toString()),
                Map.of(), dir, logFile.toAbsolutePath());
        S3ProxyServer server = new S3ProxyServer(child, port, accessKey, secretKey, dir);
        try {
            Poll.until("S3Proxy to answer HTTP on " + server.endpoint(), READY_TIMEOUT, child,
                    () -> Http.status(URI.create(server.endpoint() + "/")) > 0);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        return server;
    }

    /** The endpoint URL, {@code http://127.0.0.1:<port>} (use path-style addressing, region us-east-1). */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The port. */
    public int port() {
        return port;
    }

    /** The access key id (S3Proxy identity). */
    public String accessKey() {
        return accessKey;
    }

    /** The secret access key (S3Proxy credential). */
    public String secretKey() {
        return secretKey;
    }

    /** The folder holding the buckets, the config and the log. */
    public Path workDir() {
        return workDir;
    }

    /** The S3Proxy process. */
    public ChildProcess process() {
        return process;
    }

    /**
     * Creates {@code bucket} (idempotent: an existing bucket of ours is fine), signed with AWS signature v2 so
     * the launcher needs no S3 SDK.
     */
    public void createBucket(String bucket) {
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
        String path = "/" + bucket;
        String toSign = "PUT\n\n\n" + date + "\n" + path;
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String signature = java.util.Base64.getEncoder()
                    .encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
            var request = java.net.http.HttpRequest.newBuilder(URI.create(endpoint() + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Date", date)
                    .header("Authorization", "AWS " + accessKey + ":" + signature)
                    .PUT(java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build();
            var response = Http.client().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            boolean ours = response.statusCode() == 409 && response.body().contains("BucketAlreadyOwnedByYou");
            if (response.statusCode() != 200 && !ours) {
                throw new IllegalStateException("S3Proxy refused to create bucket " + bucket + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach S3Proxy at " + endpoint(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating bucket " + bucket, e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** Stops S3Proxy (SIGTERM, SIGKILL after 20 s). */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "S3Proxy " + endpoint() + " (pid " + process.pid() + ")";
    }
}
