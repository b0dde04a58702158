package dev.wharf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.wharf.deploy.ChartDefaultsTest.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The truststore init container's script, run here by /bin/sh with this JDK's keytool, builds a truststore with
 * which a JDK HttpClient started with the chart's JAVA_TOOL_OPTIONS trusts a server certified by the internal CA,
 * and without which it does not.
 */
class TruststoreTest {
    private static final String PW = "test-only";

    @Test
    void initScriptAndJavaToolOptionsMakeTheJdkTrustTheInternalCa(@TempDir Path dir) throws Exception {
        Rendered r = Chart.render(InternalTlsTest.CERT_MANAGER);
        JsonNode pod = r.podSpec("Deployment", "wharf-gateway-sftp");
        String script = null;
        for (JsonNode i : pod.path("initContainers")) {
            if (i.path("name").asText().equals("truststore")) {
                script = i.path("command").get(2).asText();
            }
        }
        String toolOptions = env(pod.path("containers").get(0), "JAVA_TOOL_OPTIONS");
        Path caDir = Files.createDirectories(dir.resolve("internal-ca"));
        Path storeDir = Files.createDirectories(dir.resolve("truststore"));
        script = script.replace("/etc/wharf/internal-ca", caDir.toString()).replace("/etc/wharf/truststore", storeDir.toString());
        toolOptions = toolOptions.replace("/etc/wharf/truststore", storeDir.toString());

        // a CA and a server certificate for "localhost" that it signed, made with keytool alone
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=test-ca",
                "-ext", "bc:c", "-keystore", ca.toString(), "-storepass", PW);
        keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PW,
                "-file", caDir.resolve("ca.crt").toString());
        keytool(dir, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-keystore", server.toString(), "-storepass", PW);
        keytool(dir, "-certreq", "-alias", "server", "-keystore", server.toString(), "-storepass", PW,
                "-file", dir.resolve("server.csr").toString());
        keytool(dir, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PW,
                "-ext", "san=dns:localhost", "-infile", dir.resolve("server.csr").toString(),
                "-outfile", dir.resolve("server.crt").toString());
        keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", caDir.resolve("ca.crt").toString(),
                "-keystore", server.toString(), "-storepass", PW);
        keytool(dir, "-importcert", "-noprompt", "-alias", "server", "-file", dir.resolve("server.crt").toString(),
                "-keystore", server.toString(), "-storepass", PW);

        Result init = run(dir, Map.of("JAVA_HOME", System.getProperty("java.home")), "/bin/sh", "-c", script);
        assertEquals(0, init.code(), init.output());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(storeDir.resolve("cacerts.p12"))) {
            trust.load(in, "changeit".toCharArray());
        }
        assertTrue(trust.isCertificateEntry("wharf-internal-ca"));
        assertTrue(trust.size() > 50, "the JDK's own CAs are kept: " + trust.size());

        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext(server)));
        https.createContext("/", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        https.start();
        try {
            Path fetch = dir.resolve("Fetch.java");
            Files.writeString(fetch, """
                    public class Fetch {
                        public static void main(String[] a) throws Exception {
                            var c = java.net.http.HttpClient.newHttpClient();
                            var r = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(a[0])).build(),
                                    java.net.http.HttpResponse.BodyHandlers.discarding());
                            System.out.println("status " + r.statusCode());
                        }
                    }
                    """);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String url = "https://localhost:" + https.getAddress().getPort() + "/";
            Result trusted = run(dir, Map.of("JAVA_TOOL_OPTIONS", toolOptions), java, fetch.toString(), url);
            assertEquals(0, trusted.code(), trusted.output());
            assertTrue(trusted.output().contains("status 204"), trusted.output());
            Result untrusted = run(dir, Map.of(), java, fetch.toString(), url);
            assertNotEquals(0, untrusted.code(), untrusted.output());
            assertTrue(untrusted.output().contains("PKIX"), untrusted.output());
        } finally {
            https.stop(0);
        }
    }

    private static SSLContext serverContext(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, PW.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PW.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static void keytool(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Result r = run(dir, Map.of(), cmd.toArray(String[]::new));
        assertEquals(0, r.code(), String.join(" ", cmd) + "\n" + r.output());
    }

    record Result(int code, String output) {
    }

    private static Result run(Path dir, Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        // keytool of the JDK under JAVA_HOME, as in the image
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        Path out = Files.createTempFile(dir, "out", ".txt");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish in 60 s: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
