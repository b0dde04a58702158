package dev.wharf.e2e.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.core.Reason;
import dev.wharf.e2e.E2ePlatform;
import dev.wharf.launcher.Platform;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17 on the real platform: more tenants than the old breaking point (the operator's token passed the services'
 * header limit at about 34 tenants), then provisioned, listed page by page, administered, logged in to (the first
 * and the last, over FTPS and SFTP), disabled and deleted with their files.
 */
class TenantsAtScaleIT {
    private static final int TENANTS = 36;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final String PASSWORD = "Scale-" + UUID.randomUUID() + "-x";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 4);
    private static final List<String> IDS = IntStream.range(0, TENANTS)
            .mapToObj(i -> String.format("scale-%s-%02d", RUN, i)).toList();
    private static final String FIRST = IDS.getFirst();
    private static final String LAST = IDS.getLast();
    private static SshClient ssh;
    private static long createSeconds;

    private final WharfCommand wharf = WharfCommand.operator();

    @BeforeAll
    static void manyTenants() {
        long start = System.nanoTime();
        for (String id : IDS) {
            call("POST", "/v1/admin/tenants", "{\"id\":\"" + id + "\"}", 201);
        }
        createSeconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        System.out.printf("created %d tenants in %d s%n", TENANTS, createSeconds);
        for (String id : List.of(FIRST, LAST)) {
            call("POST", "/v1/admin/tenants/" + id + "/users",
                    "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}", 201);
        }
        ssh = SshClient.setUpDefaultClient();
        ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        ssh.start();
    }

    @AfterAll
    static void removeThem() {
        if (ssh != null) {
            ssh.stop();
        }
        for (String id : IDS) {
            call("DELETE", "/v1/admin/tenants/" + id, null, 204, 404);
        }
    }

    @Test
    void theOperatorsTokenStaysSmallAndEveryCallWorks() {
        String token = platform().operatorToken();
        System.out.printf("operator token: %d bytes with %d+ tenants%n", token.length(), TENANTS);
        assertTrue(token.length() < 2048, "operator token of " + token.length() + " bytes");
        JsonNode claims = claims(token);
        assertEquals("[\"wharf-operator\"]", claims.path("realm_access").path("roles").toString(), claims::toString);
        assertTrue(claims.path("resource_access").isMissingNode(), claims::toString);
        // the calls that failed with 431 before: the CLI's and the launcher's
        assertTrue(wharf.run("tenant", "show", LAST).ok().contains(LAST));
        call("GET", "/v1/admin/tenants/" + LAST + "/users", null, 200);
    }

    @Test
    void theListIsPagedInTheApiAndTheCli() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = json(call("GET", "/v1/admin/tenants?limit=7" + (after == null ? "" : "&after=" + after),
                    null, 200));
            assertTrue(page.path("items").size() <= 7, page::toString);
            page.path("items").forEach(t -> seen.add(t.path("id").asText()));
            after = page.path("next").isTextual() ? page.path("next").asText() : null;
            pages++;
        } while (after != null && pages < 1000);
        assertEquals(seen.stream().sorted().distinct().toList(), seen, "in order, each once");
        assertTrue(seen.containsAll(IDS), "every new tenant is listed");
        assertTrue(pages >= TENANTS / 7, "pages: " + pages);

        JsonNode all = wharf.run("tenant", "list", "--json").json();
        assertEquals(seen, StreamSupport.stream(all.spliterator(), false).map(t -> t.path("id").asText()).toList());
        String onePage = wharf.run("tenant", "list", "--limit", "5", "--after", FIRST).ok();
        assertTrue(onePage.contains(IDS.get(1)) && !onePage.contains(FIRST + " "), onePage);
        assertTrue(onePage.contains("next page: wharf tenant list --limit 5 --after "), onePage);
        wharf.run("tenant", "list", "--limit", "0").fails(1, "bad_request");
    }

    @Test
    void theLastTenantsAdministratorManagesItsUsers() {
        call("POST", "/v1/admin/tenants/" + LAST + "/users", "{\"username\":\"boss\",\"password\":\"" + PASSWORD
                + "\"}", 201);
        call("PUT", "/v1/admin/tenants/" + LAST + "/admins/boss", null, 204);
        WharfCommand boss = WharfCommand.as(LAST, "boss", PASSWORD);
        boss.run("user", "create", "bob", "--tenant", LAST, "--new-password", PASSWORD).ok();
        assertTrue(boss.run("user", "list", "--tenant", LAST).ok().contains("bob"));
        boss.run("user", "list", "--tenant", FIRST).fails(1, "permission_denied");
    }

    @Test
    void theFirstAndTheLastTenantLogInOverFtpsAndSftp() throws Exception {
        for (String t : List.of(FIRST, LAST)) {
            FTPSClient ftp = ftps();
            try {
                assertTrue(ftp.login("alice@" + t + "." + platform().plan().baseDomain(), PASSWORD),
                        t + ": " + ftp.getReplyString());
                assertTrue(ftp.listFiles() != null);
            } finally {
                ftp.disconnect();
            }
            try (ClientSession s = sftp("alice@" + t + "." + platform().plan().baseDomain(), PASSWORD);
                 SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
                // a new user's home exists once something is in it
                try (OutputStream out = sftp.write("hello-" + t + ".txt")) {
                    out.write(t.getBytes(StandardCharsets.UTF_8));
                }
                assertEquals(List.of("hello-" + t + ".txt"), names(sftp));
            }
        }
    }

    @Test
    void aDisabledTenantRefusesLoginsWithItsOwnReasonAndADeletedOneLeavesNoFiles() throws Exception {
        String t = IDS.get(TENANTS / 2);
        String user = "alice@" + t + "." + platform().plan().baseDomain();
        call("POST", "/v1/admin/tenants/" + t + "/users", "{\"username\":\"alice\",\"password\":\"" + PASSWORD
                + "\"}", 201);
        try (ClientSession s = sftp(user, PASSWORD); SftpClient sftp = SftpClientFactory.instance()
                .createSftpClient(s); OutputStream out = sftp.write("left-behind.txt")) {
            out.write("old tenant's file".getBytes(StandardCharsets.UTF_8));
        }

        call("PATCH", "/v1/admin/tenants/" + t, "{\"enabled\":false}", 200);
        FTPSClient ftp = ftps();
        try {
            assertFalse(ftp.login(user, PASSWORD));
            assertTrue(ftp.getReplyString().contains(Reason.TENANT_DISABLED.userMessage()), ftp.getReplyString());
        } finally {
            ftp.disconnect();
        }
        assertThrows(Exception.class, () -> sftp(user, PASSWORD).close());

        // deleted: realm and files go; the name can be given again and starts empty
        wharf.run("tenant", "delete", t, "--yes").ok();
        call("POST", "/v1/admin/tenants", "{\"id\":\"" + t + "\"}", 201);
        call("POST", "/v1/admin/tenants/" + t + "/users", "{\"username\":\"alice\",\"password\":\"" + PASSWORD
                + "\"}", 201);
        try (ClientSession s = sftp(user, PASSWORD); SftpClient sftp = SftpClientFactory.instance()
                .createSftpClient(s)) {
            try (OutputStream out = sftp.write("fresh.txt")) {
                out.write("new tenant's file".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(List.of("fresh.txt"), names(sftp), "nothing of the deleted tenant's files");
        }
    }

    /** The names in the home folder, without {@code .} and {@code ..}. */
    private static List<String> names(SftpClient sftp) throws IOException {
        List<String> names = new ArrayList<>();
        sftp.readDir("/").forEach(e -> names.add(e.getFilename()));
        names.removeIf(n -> n.equals(".") || n.equals(".."));
        return names.stream().sorted().toList();
    }

        private static Platform platform() {
        return E2ePlatform.get().platform();
    }

    private static FTPSClient ftps() throws IOException {
        FTPSClient ftp = new FTPSClient("TLS", false);
        ftp.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        ftp.setConnectTimeout(10_000);
        ftp.setDefaultTimeout(30_000);
        ftp.connect("127.0.0.1", platform().plan().ftpExplicitPorts().getFirst());
        assertTrue(FTPReply.isPositiveCompletion(ftp.getReplyCode()), ftp.getReplyString());
        ftp.execPBSZ(0);
        ftp.execPROT("P");
        return ftp;
    }

    private static ClientSession sftp(String user, String password) throws IOException {
        ClientSession s = ssh.connect(user, "127.0.0.1", platform().plan().sftpPort()).verify(Duration.ofSeconds(20))
                .getSession();
        s.addPasswordIdentity(password);
        try {
            s.auth().verify(Duration.ofSeconds(30));
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** An admin-API call with a fresh operator token (master tokens live a minute; creating many realms takes longer). */
    private static String call(String method, String path, String json, int... expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform().identityUrl() + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + platform().operatorToken())
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertTrue(IntStream.of(expected).anyMatch(c -> c == r.statusCode()),
                    method + " " + path + " -> " + r.statusCode() + " " + r.body());
            return r.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static JsonNode claims(String jwt) {
        return json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
