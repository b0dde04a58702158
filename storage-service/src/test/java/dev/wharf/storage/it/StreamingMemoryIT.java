package dev.wharf.storage.it;

import dev.wharf.launcher.ChildProcess;
import dev.wharf.launcher.Poll;
import dev.wharf.launcher.Ports;
import dev.wharf.launcher.S3ProxyServer;
import dev.wharf.launcher.TestComponents;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import dev.wharf.storage.contract.TestGrants;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes are streamed, never held whole: the packaged service runs with a 64 MiB heap (and exits on
 * OutOfMemoryError) while 300 MiB go through it each way, on each backend.
 */
class StreamingMemoryIT {
    private static final long SIZE = 300L * 1024 * 1024;
    private static final String HEAP = "-Xmx64m";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void localBackend() throws Exception {
        Path work = TestComponents.newWorkDir("memory-local");
        try {
            roundTrip(work, List.of("-Dwharf.storage.backend=local",
                    "-Dwharf.storage.local.root=" + work.resolve("storage")), Map.of());
        } finally {
            deleteTree(work.resolve("storage"));
        }
    }

    @Test
    void s3Backend() throws Exception {
        S3ProxyServer s3 = TestComponents.s3proxy();
        Path work = TestComponents.newWorkDir("memory-s3");
        // the secret travels in the environment, not on a command line others can read
        roundTrip(work, List.of("-Dwharf.storage.backend=s3", "-Dwharf.storage.s3.endpoint=" + s3.endpoint(),
                        "-Dwharf.storage.s3.bucket=memory"),
                Map.of("WHARF_STORAGE_S3_ACCESS_KEY", s3.accessKey(), "WHARF_STORAGE_S3_SECRET_KEY", s3.secretKey()));
    }

    private void roundTrip(Path work, List<String> settings, Map<String, String> env) throws Exception {
        int port = Ports.free();
        Path jar = Path.of(System.getProperty("user.dir"), "target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built by the package phase");
        List<String> command = new ArrayList<>(List.of(javaBinary(), HEAP, "-XX:+ExitOnOutOfMemoryError",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.profile=local",
                "-Dwharf.audit.enabled=false", "-Dwharf.storage.grants.keys-url=" + TestGrants.keysUrl()));
        command.addAll(settings);
        String grant = "Bearer " + TestGrants.session("acme");
        command.addAll(List.of("-jar", jar.toString()));
        URI base = URI.create("http://127.0.0.1:" + port);
        try (ChildProcess service = ChildProcess.start("storage-service", command, env, work, work.resolve("service.log"))) {
            Poll.until("storage-service to be ready", Duration.ofSeconds(120), service,
                    () -> status(base.resolve("/q/health/ready")) == 200);

            GeneratedContent upload = new GeneratedContent(SIZE);
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(
                            base.resolve("/v1/tenants/acme/content?path=%2Fbig%2Fthree-hundred.bin"))
                    .timeout(Duration.ofMinutes(10)).header("Authorization", grant)
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> upload)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, put.statusCode(), () -> put.body() + "\n" + service.tail(30));
            String sha = upload.sha256();
            assertTrue(put.body().contains("\"size\":" + SIZE), put::body);
            assertTrue(put.body().contains(sha), put::body);

            HttpResponse<InputStream> get = HTTP.send(HttpRequest.newBuilder(
                            base.resolve("/v1/tenants/acme/content?path=%2Fbig%2Fthree-hundred.bin"))
                    .timeout(Duration.ofMinutes(10)).header("Authorization", grant).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, get.statusCode());
            assertEquals(String.valueOf(SIZE), get.headers().firstValue("Content-Length").orElse(null));
            assertEquals(sha, get.headers().firstValue("X-Wharf-Sha256").orElse(null));
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            long read = 0;
            try (InputStream in = get.body()) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    d.update(buf, 0, n);
                    read += n;
                }
            }
            assertEquals(SIZE, read);
            assertEquals(sha, HexFormat.of().formatHex(d.digest()), "the download is the upload, byte for byte");
            assertTrue(service.isAlive(), "the service survived with a heap far below the file size");
        }
    }

    private static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** {@code size} bytes made on the fly (1 MiB of noise, each copy stamped with its index), hashed as read. */
    private static final class GeneratedContent extends InputStream {
        private final byte[] block = new byte[1 << 20];
        private final long size;
        private final MessageDigest digest;
        private long position;

        GeneratedContent(long size) throws Exception {
            this.size = size;
            this.digest = MessageDigest.getInstance("SHA-256");
            new Random(7).nextBytes(block);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int inBlock = (int) (position % block.length);
            if (inBlock == 0) {
                long index = position / block.length;
                for (int i = 0; i < 8; i++) {
                    block[i] = (byte) (index >>> (8 * i));
                }
            }
            int n = (int) Math.min(Math.min(len, block.length - inBlock), size - position);
            System.arraycopy(block, inBlock, b, off, n);
            digest.update(b, off, n);
            position += n;
            return n;
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
