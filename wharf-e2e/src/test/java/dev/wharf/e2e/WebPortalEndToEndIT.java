package dev.wharf.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web portal (gateway-web) in a real browser: Debian's Chromium, headless, driven by Selenium, against the whole
 * platform. The test browser alone accepts the platform's self-signed certificate.
 */
class WebPortalEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String OTHER_TENANT = "webother";

    private static E2ePlatform platform;
    private static Path downloads;

    @BeforeAll
    static void platformWithASecondTenant() throws IOException {
        platform = E2ePlatform.get();
        platform.admin().tenant(OTHER_TENANT, null);
        platform.admin().user(OTHER_TENANT, "olga", "Olga-" + UUID.randomUUID(), null);
        downloads = Files.createTempDirectory("wharf-web-downloads");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.list(downloads)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(downloads);
    }

    private static String portal(String tenant) {
        return "https://" + tenant + ".localhost:" + platform.platform().plan().webPort();
    }

    private static WebDriver browser() {
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        // test browser only: the platform's certificate is self-signed
        o.addArguments("--headless=new", "--ignore-certificate-errors", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1280,900");
        o.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    /** Waits for the file list; on a timeout the message shows where the browser is and what it shows. */
    private static void awaitFileList(WebDriver b) {
        try {
            new WebDriverWait(b, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("files")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no file list at " + b.getCurrentUrl() + ": " + b.getPageSource(), e);
        }
    }

    private static void signIn(WebDriver b, String user, String password) {
        WebDriverWait wait = new WebDriverWait(b, WAIT);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        b.findElement(By.id("username")).sendKeys(user);
        b.findElement(By.id("password")).sendKeys(password);
        b.findElement(By.id("kc-login")).click();
    }

    @Test
    void signInSeeTheFilesUploadAndDownloadTheSameBytes() throws Exception {
        WebDriver b = browser();
        try (AuditLog audit = platform.auditLog()) {
            WebDriverWait wait = new WebDriverWait(b, WAIT);
            b.get(portal("demo") + "/files");
            assertTrue(b.getCurrentUrl().contains("/realms/demo/"), "signs in at the tenant's realm: "
                    + b.getCurrentUrl());
            signIn(b, "demo", platform.demoPassword());
            awaitFileList(b);
            assertEquals("demo", b.findElement(By.id("user")).getText());
            assertTrue(b.getCurrentUrl().startsWith(portal("demo") + "/files"), b.getCurrentUrl());

            String name = "web-" + UUID.randomUUID().toString().substring(0, 8) + ".bin";
            byte[] content = E2ePlatform.randomBytes(20 * 1024 * 1024 + 17);
            Path local = Files.createTempFile("wharf-web-upload", ".bin");
            Path named = local.resolveSibling(name);
            Files.move(local, named);
            Files.write(named, content);
            try {
                b.findElement(By.id("file")).sendKeys(named.toString());
                long upStart = System.nanoTime();
                b.findElement(By.cssSelector("#upload button")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(name)));
                System.out.printf("[web] upload of %d bytes through the browser: %.1f MB/s%n", content.length,
                        content.length / 1e6 / ((System.nanoTime() - upStart) / 1e9));
            } finally {
                Files.deleteIfExists(named);
            }
            String row = b.findElement(By.linkText(name)).findElement(By.xpath("../..")).getText();
            assertTrue(row.contains(Integer.toString(content.length)), "the list shows the size: " + row);

            long downStart = System.nanoTime();
            b.findElement(By.linkText(name)).click();
            Path downloaded = downloads.resolve(name);
            new WebDriverWait(b, WAIT).until(d -> Files.isRegularFile(downloaded)
                    && sizeOf(downloaded) == content.length);
            System.out.printf("[web] download of %d bytes through the browser: %.1f MB/s%n", content.length,
                    content.length / 1e6 / ((System.nanoTime() - downStart) / 1e9));
            assertEquals(E2ePlatform.sha256(content), E2ePlatform.sha256(Files.readAllBytes(downloaded)),
                    "downloaded bytes are the uploaded bytes");

            var events = audit.awaitAll(WAIT,
                    AuditLog.of("dev.wharf.login.succeeded", Map.of("protocol", "https", "user", "demo")),
                    AuditLog.of("dev.wharf.file.uploaded", Map.of("protocol", "https", "path", "/" + name)),
                    AuditLog.of("dev.wharf.file.downloaded", Map.of("protocol", "https", "path", "/" + name)));
            assertTrue(events.stream().anyMatch(AuditLog.of("dev.wharf.file.downloaded",
                    Map.of("protocol", "https", "path", "/" + name))), "download audited");
        } finally {
            b.quit();
        }
    }

    @Test
    void cookiesAreSecureAndChangesNeedTheCsrfToken() throws Exception {
        WebDriver b = browser();
        try {
            b.get(portal("demo") + "/files");
            signIn(b, "demo", platform.demoPassword());
            awaitFileList(b);
            List<Cookie> session = b.manage().getCookies().stream()
                    .filter(c -> c.getName().startsWith("q_session")).toList();
            assertFalse(session.isEmpty(), "a session cookie: " + b.manage().getCookies());
            for (Cookie c : session) {
                assertTrue(c.isSecure(), c.getName() + " is Secure");
                assertTrue(c.isHttpOnly(), c.getName() + " is HttpOnly");
                assertEquals("Lax", c.getSameSite(), c.getName() + " SameSite");
            }
            // a form with another token (another site's guess, an old page): refused, nothing created
            String folder = "no-csrf-" + UUID.randomUUID().toString().substring(0, 8);
            ((JavascriptExecutor) b).executeScript(
                    "document.querySelector('#mkdir input[name=csrf]').value = 'forged'");
            b.findElement(By.id("name")).sendKeys(folder);
            b.findElement(By.cssSelector("#mkdir button")).click();
            new WebDriverWait(b, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("reason")));
            assertEquals("csrf_invalid", b.findElement(By.id("reason")).getText());

            // every answer carries the policy, even a refusal on a host that names no tenant
            HttpClient http = HttpClient.newBuilder().sslContext(trustingPlatformCertificate())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> noTenant = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                    + platform.platform().plan().webPort() + "/files")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(noTenant.statusCode() >= 400, "no page without a tenant: " + noTenant.statusCode());
            Optional<String> csp = noTenant.headers().firstValue("Content-Security-Policy");
            assertTrue(csp.isPresent() && csp.get().contains("default-src 'none'"), "CSP: " + csp);

            b.get(portal("demo") + "/files");
            assertTrue(b.findElements(By.linkText(folder + "/")).isEmpty(), "the forged form created nothing");
            b.findElement(By.id("name")).sendKeys(folder);
            b.findElement(By.cssSelector("#mkdir button")).click();
            new WebDriverWait(b, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.linkText(folder + "/")));
        } finally {
            b.quit();
        }
    }

    @Test
    void aUserOfOneTenantCannotSignInOnAnotherTenantsHost() {
        WebDriver b = browser();
        try {
            b.get(portal(OTHER_TENANT) + "/files");
            assertTrue(b.getCurrentUrl().contains("/realms/" + OTHER_TENANT + "/"), b.getCurrentUrl());
            signIn(b, "demo", platform.demoPassword());
            new WebDriverWait(b, WAIT).until(d -> d.getPageSource().contains("Invalid username or password"));
            assertTrue(b.getCurrentUrl().contains("/realms/" + OTHER_TENANT + "/"), "still at Keycloak: "
                    + b.getCurrentUrl());
            assertTrue(b.findElements(By.id("files")).isEmpty());

            // signed in at the demo tenant, the other tenant's host still asks its own realm
            b.get(portal("demo") + "/files");
            signIn(b, "demo", platform.demoPassword());
            awaitFileList(b);
            b.get(portal(OTHER_TENANT) + "/files");
            new WebDriverWait(b, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            assertTrue(b.getCurrentUrl().contains("/realms/" + OTHER_TENANT + "/"), b.getCurrentUrl());
        } finally {
            b.quit();
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The test's HTTP client trusts the platform's self-signed certificate, and nothing else. */
    private static SSLContext trustingPlatformCertificate() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(platform.platform().certificate().certificate())) {
            trust.setCertificateEntry("wharf", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
