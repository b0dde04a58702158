package dev.wharf.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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

import static dev.wharf.e2e.PortalBrowser.curl;
import static dev.wharf.e2e.PortalBrowser.portal;
import static dev.wharf.e2e.PortalBrowser.run;
import static dev.wharf.e2e.PortalBrowser.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web portal (gateway-web) in a real browser: Debian's Chromium, headless, driven by Selenium, against the whole
 * platform. The test browser alone accepts the platform's self-signed certificate.
 */
class WebPortalEndToEndIT {
    private static final Duration WAIT = PortalBrowser.WAIT;
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
        deleteFolder(downloads);
    }

    /** Deletes {@code dir} and the files in it. */
    private static void deleteFolder(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** Waits for the file list; on a timeout the message shows where the browser is and what it shows. */
    private static void awaitFileList(WebDriver b) {
        try {
            new WebDriverWait(b, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("files")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no file list at " + b.getCurrentUrl() + ": " + b.getPageSource(), e);
        }
    }

    @Test
    void signInUploadAHundredMebibytesWithProgressCheckTheSha256DownloadAndRename() throws Exception {
        WebDriver b = PortalBrowser.open(downloads);
        try (AuditLog audit = platform.auditLog()) {
            WebDriverWait wait = new WebDriverWait(b, WAIT);
            b.get(portal(platform, "demo") + "/files");
            assertTrue(b.getCurrentUrl().contains("/realms/" + E2ePlatform.realmOf("demo") + "/"),
                    "signs in at the tenant's realm: "
                    + b.getCurrentUrl());
            signIn(b, "demo", platform.demoPassword());
            awaitFileList(b);
            assertEquals("demo", b.findElement(By.id("user")).getText());
            assertTrue(b.getCurrentUrl().startsWith(portal(platform, "demo") + "/files"), b.getCurrentUrl());

            String name = "web-" + UUID.randomUUID().toString().substring(0, 8) + ".bin";
            byte[] content = E2ePlatform.randomBytes(100 * 1024 * 1024 + 17);
            String sha256 = E2ePlatform.sha256(content);
            Path local = Files.createTempFile("wharf-web-upload", ".bin");
            Path named = local.resolveSibling(name);
            Files.move(local, named);
            Files.write(named, content);
            try {
                recordProgress(b);
                b.findElement(By.id("file")).sendKeys(named.toString());
                long upStart = System.nanoTime();
                b.findElement(By.cssSelector("#upload button")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(name)));
                System.out.printf("[web] upload of %d bytes through the browser: %.1f MB/s%n", content.length,
                        content.length / 1e6 / ((System.nanoTime() - upStart) / 1e9));
            } finally {
                Files.deleteIfExists(named);
            }
            String seen = (String) ((JavascriptExecutor) b).executeScript(
                    "return sessionStorage.getItem('wharf-test-progress') || ''");
            List<Integer> values = java.util.Arrays.stream(seen.split(",")).filter(v -> !v.isEmpty())
                    .map(Integer::valueOf).toList();
            assertTrue(values.stream().anyMatch(v -> v > 0 && v < 100), "progress shown on the way: " + seen);
            assertEquals(100, values.getLast(), "progress ends full: " + seen);

            String row = b.findElement(By.linkText(name)).findElement(By.xpath("../..")).getText();
            assertTrue(row.contains(Integer.toString(content.length)), "the list shows the size: " + row);
            assertTrue(row.contains(sha256), "the list shows the SHA-256 storage computed: " + row);
            PageChecks.check(b, "files");

            long downStart = System.nanoTime();
            b.findElement(By.linkText(name)).click();
            Path downloaded = downloads.resolve(name);
            new WebDriverWait(b, WAIT).until(d -> Files.isRegularFile(downloaded)
                    && sizeOf(downloaded) == content.length);
            System.out.printf("[web] download of %d bytes through the browser: %.1f MB/s%n", content.length,
                    content.length / 1e6 / ((System.nanoTime() - downStart) / 1e9));
            assertEquals(sha256, E2ePlatform.sha256(Files.readAllBytes(downloaded)),
                    "downloaded bytes are the uploaded bytes");

            String renamed = "renamed-" + name;
            b.findElement(By.cssSelector("a.rename[aria-label='Rename " + name + "']")).click();
            WebElement newName = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("newname")));
            PageChecks.check(b, "rename");
            newName.clear();
            newName.sendKeys(renamed);
            b.findElement(By.cssSelector("#rename button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(renamed)));
            assertTrue(b.findElements(By.linkText(name)).isEmpty(), "the old name is gone");

            // renaming onto an existing file is refused, and both files stay
            String other = "other-" + name;
            Path small = Files.createTempDirectory("wharf-web-other").resolve(other);
            try {
                Files.writeString(small, "another file");
                b.findElement(By.id("file")).sendKeys(small.toString());
                b.findElement(By.cssSelector("#upload button")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(other)));
            } finally {
                Files.deleteIfExists(small);
                Files.deleteIfExists(small.getParent());
            }
            b.findElement(By.cssSelector("a.rename[aria-label='Rename " + renamed + "']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("newname"))).clear();
            b.findElement(By.id("newname")).sendKeys(other);
            b.findElement(By.cssSelector("#rename button")).click();
            assertEquals("already_exists", wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason")))
                    .getText());
            b.get(portal(platform, "demo") + "/files");
            awaitFileList(b);
            assertTrue(b.findElement(By.linkText(renamed)).findElement(By.xpath("../..")).getText()
                    .contains(Integer.toString(content.length)), "the renamed file is still whole");
            assertTrue(b.findElement(By.linkText(other)).findElement(By.xpath("../..")).getText()
                    .contains(Integer.toString("another file".length())), "the other file is untouched");

            audit.awaitAll(WAIT,
                    AuditLog.of("dev.wharf.login.succeeded", Map.of("protocol", "https", "user", "demo")),
                    AuditLog.of("dev.wharf.file.uploaded", Map.of("protocol", "https", "path", "/" + name)),
                    AuditLog.of("dev.wharf.file.downloaded", Map.of("protocol", "https", "path", "/" + name)),
                    AuditLog.of("dev.wharf.file.renamed", Map.of("protocol", "https", "from", "/" + name,
                            "to", "/" + renamed)));
        } finally {
            b.quit();
        }
    }

    @Test
    void aFailedUploadSaysWhyAndStoresNothing() throws Exception {
        WebDriver b = PortalBrowser.open(downloads);
        try {
            b.get(portal(platform, "demo") + "/files");
            signIn(b, "demo", platform.demoPassword());
            awaitFileList(b);
            String name = "refused-" + UUID.randomUUID().toString().substring(0, 8) + ".txt";
            Path local = Files.createTempDirectory("wharf-web-refused").resolve(name);
            Files.writeString(local, "not to be stored");
            try {
                ((JavascriptExecutor) b).executeScript(
                        "document.querySelector('#upload input[name=csrf]').value = 'forged'");
                b.findElement(By.id("file")).sendKeys(local.toString());
                b.findElement(By.cssSelector("#upload button")).click();
                WebElement status = b.findElement(By.id("upload-status"));
                new WebDriverWait(b, WAIT).until(d -> status.getText().startsWith("Upload failed"));
                assertTrue(status.getText().contains("(reason: csrf_invalid)"), status.getText());
                assertEquals("alert", status.getAttribute("role"), "the failure is announced");
            } finally {
                Files.deleteIfExists(local);
                Files.deleteIfExists(local.getParent());
            }
            b.get(portal(platform, "demo") + "/files");
            awaitFileList(b);
            assertTrue(b.findElements(By.linkText(name)).isEmpty(), "nothing stored");
        } finally {
            b.quit();
        }
    }

    /**
     * A user's quota crossed mid-upload through the portal's own upload (upload.js streams the file to
     * {@code PUT /upload}): the page says the quota is full with the reason code, the gateway answers 413, nothing is
     * stored and the audit log has the failed upload with its reason.
     */
    @Test
    void anUploadThatCrossesTheQuotaIsRefusedWith413AndStoresNothing() throws Exception {
        String user = "quota" + UUID.randomUUID().toString().substring(0, 6);
        String password = "Quota-" + UUID.randomUUID() + "-x";
        int quota = 1 << 20;
        platform.admin().user("demo", user, password, null);
        platform.admin().send("PATCH", "/v1/admin/tenants/demo/users/" + user, "{\"quotaBytes\":" + quota + "}");
        WebDriver b = PortalBrowser.open(downloads);
        Path dir = Files.createTempDirectory("wharf-web-quota");
        try (AuditLog audit = platform.auditLog()) {
            b.get(portal(platform, "demo") + "/files");
            signIn(b, user, password);
            awaitFileList(b);
            String name = "over-quota.bin";
            Path local = dir.resolve(name);
            Files.write(local, E2ePlatform.randomBytes(3 * quota));
            b.findElement(By.id("file")).sendKeys(local.toString());
            b.findElement(By.cssSelector("#upload button")).click();
            WebElement status = b.findElement(By.id("upload-status"));
            new WebDriverWait(b, WAIT).until(d -> status.getText().startsWith("Upload failed"));
            assertTrue(status.getText().contains("exceed your storage quota")
                    && status.getText().contains("(reason: quota_exceeded)"), status.getText());
            assertEquals("alert", status.getAttribute("role"), "the failure is announced");

            // the same endpoint asked directly with the page's session and token: 413 and the refusal page
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = (Map<String, Object>) ((JavascriptExecutor) b).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const csrf = document.querySelector('#upload input[name=csrf]').value;
                    fetch('/upload?folder=%2F&name=direct.bin', {method: 'PUT', body: new Uint8Array(arguments[0]),
                        headers: {'X-Wharf-Csrf': csrf, 'Content-Type': 'application/octet-stream'}})
                      .then(r => r.text().then(t => done({status: r.status, body: t})))
                      .catch(e => done({status: -1, body: String(e)}));
                    """, 2 * quota);
            assertEquals(413L, ((Number) answer.get("status")).longValue(), String.valueOf(answer.get("body")));
            assertTrue(String.valueOf(answer.get("body")).contains("quota_exceeded"), "the refusal page's reason");

            b.get(portal(platform, "demo") + "/files");
            awaitFileList(b);
            assertTrue(b.findElements(By.linkText(name)).isEmpty(), "nothing stored");
            assertTrue(b.findElements(By.linkText("direct.bin")).isEmpty(), "nothing stored");
            var failed = AuditLog.of("dev.wharf.file.upload_failed",
                    Map.of("protocol", "https", "user", user, "path", "/" + name, "reason", "quota_exceeded"));
            assertTrue(audit.awaitAll(WAIT, failed).stream().anyMatch(failed), "upload_failed audited with its reason");
        } finally {
            b.quit();
            deleteFolder(dir);
        }
        String shown = platform.admin().send("GET", "/v1/admin/tenants/demo/users/" + user, null);
        assertTrue(shown.contains("\"usedBytes\":0"), "the home holds nothing: " + shown);
    }

    @Test
    void signInWithATotpCodeAndSignOutEndsTheSession() throws Exception {
        String user = "otp" + UUID.randomUUID().toString().substring(0, 6);
        String password = "Otp-" + UUID.randomUUID() + "-x";
        platform.admin().user("demo", user, password, null);
        String enrolled = platform.admin().send("POST", "/v1/admin/tenants/demo/users/" + user + "/otp", "{}");
        java.util.regex.Matcher secret = java.util.regex.Pattern.compile("\"secret\"\\s*:\\s*\"([A-Z2-7]+)\"")
                .matcher(enrolled);
        assertTrue(secret.find(), "a base32 secret in the enrolment's answer");
        WebDriver b = PortalBrowser.open(downloads);
        try (AuditLog audit = platform.auditLog()) {
            WebDriverWait wait = new WebDriverWait(b, WAIT);
            b.get(portal(platform, "demo") + "/files");
            signIn(b, user, password);
            // Keycloak asks for the second factor before it lets the portal have a sign-in
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("otp")));
            assertTrue(b.getCurrentUrl().contains("/realms/" + E2ePlatform.realmOf("demo") + "/"), b.getCurrentUrl());
            assertTrue(b.findElements(By.id("files")).isEmpty(), "the password alone opens nothing");
            b.findElement(By.id("otp")).sendKeys(dev.wharf.e2e.cli.IdentityProbe.totp(secret.group(1)));
            b.findElement(By.id("kc-login")).click();
            awaitFileList(b);
            assertEquals(user, b.findElement(By.id("user")).getText());
            var signedIn = AuditLog.of("dev.wharf.login.succeeded", Map.of("user", user, "protocol", "https"));
            String session = audit.awaitAll(WAIT, signedIn).stream().filter(signedIn).findFirst().orElseThrow()
                    .sessionId();
            // signing out ends the session with its event, as closing an FTP or SFTP connection does
            b.findElement(By.id("signout")).click();
            wait.until(d -> d.getCurrentUrl().contains("/signed-out"));
            audit.awaitAll(WAIT, AuditLog.of(session, "dev.wharf.session.closed"));
        } finally {
            b.quit();
        }
    }

    @Test
    void policyRefusesASignInByProtocolAndByAddressRangeWithAPageThatSaysWhy() throws Exception {
        String sftpOnly = "pr" + UUID.randomUUID().toString().substring(0, 6);
        String elsewhere = "ar" + UUID.randomUUID().toString().substring(0, 6);
        String password = "Refused-" + UUID.randomUUID() + "-x";
        platform.admin().user("demo", sftpOnly, password, "\"allowedProtocols\":[\"sftp\"]");
        platform.admin().user("demo", elsewhere, password, "\"allowedCidrs\":[\"203.0.113.0/24\"]");
        try (AuditLog audit = platform.auditLog()) {
            for (String[] c : new String[][]{{sftpOnly, "protocol_not_allowed"}, {elsewhere, "address_not_allowed"}}) {
                WebDriver b = PortalBrowser.open(downloads);
                try {
                    b.get(portal(platform, "demo") + "/files");
                    signIn(b, c[0], password);
                    // Keycloak accepted the password; the portal's login chain refuses, as FTP's and SFTP's do
                    new WebDriverWait(b, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("reason")));
                    assertEquals(c[1], b.findElement(By.id("reason")).getText(), c[0]);
                    assertTrue(b.findElements(By.id("files")).isEmpty(), "no files for a refused sign-in");
                    PageChecks.check(b, "refused-" + c[1]);
                } finally {
                    b.quit();
                }
                audit.awaitAll(WAIT, AuditLog.of("dev.wharf.policy.denied",
                        Map.of("protocol", "https", "reason", c[1])));
            }
        }
    }

    @Test
    void theForcedPasswordChangeIsCompletedInThePortal() throws Exception {
        String user = "chg" + UUID.randomUUID().toString().substring(0, 6);
        String first = "Chg-" + UUID.randomUUID() + "-x";
        String chosen = "Mine-" + UUID.randomUUID() + "-x";
        platform.admin().user("demo", user, first, "\"mustChangePassword\":true");
        Path dir = Files.createTempDirectory("wharf-web-change");
        String sftp = "sftp://127.0.0.1:" + platform.platform().plan().sftpPort() + "/";
        String sftpUser = user + "@demo.localhost";
        WebDriver b = PortalBrowser.open(downloads);
        try {
            WebDriverWait wait = new WebDriverWait(b, WAIT);
            b.get(portal(platform, "demo") + "/files");
            signIn(b, user, first);
            // Keycloak's required action: the new password, twice, then the portal
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password-new")));
            assertTrue(b.getCurrentUrl().contains("/realms/" + E2ePlatform.realmOf("demo") + "/"), b.getCurrentUrl());
            b.findElement(By.id("password-new")).sendKeys(chosen);
            b.findElement(By.id("password-confirm")).sendKeys(chosen);
            b.findElement(By.cssSelector("#kc-passwd-update-form [type=submit]")).click();
            awaitFileList(b);
            assertEquals(user, b.findElement(By.id("user")).getText());
            PageChecks.check(b, "files-after-change");
            // the chosen password is the user's everywhere now, the first one nowhere
            assertEquals(0, curl(dir, "-u", sftpUser + ":" + chosen, sftp), "SFTP with the chosen password");
            assertTrue(curl(dir, "-u", sftpUser + ":" + first, sftp) != 0, "the first password no longer");
            assertTrue(platform.admin().send("GET", "/v1/admin/tenants/demo/users/" + user, null)
                    .contains("\"mustChangePassword\":false"), "no change asked any more");
        } finally {
            b.quit();
        }
    }

    @Test
    void howToConnectGivesDetailsThatWorkAndKeysAreTheUsersOwn() throws Exception {
        String user = "kim" + UUID.randomUUID().toString().substring(0, 6);
        String password = "Kim-" + UUID.randomUUID() + "-x";
        platform.admin().user("demo", user, password, null);
        WebDriver b = PortalBrowser.open(downloads);
        Path dir = Files.createTempDirectory("wharf-web-keys");
        try (AuditLog audit = platform.auditLog()) {
            WebDriverWait wait = new WebDriverWait(b, WAIT);
            b.get(portal(platform, "demo") + "/files");
            signIn(b, user, password);
            awaitFileList(b);
            b.findElement(By.id("nav-connect")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sftp")));
            assertEquals(portal(platform, "demo") + "/", b.findElement(By.id("web-url")).getText());
            assertTrue(b.findElement(By.id("ftps")).isDisplayed(), "FTPS details");
            assertTrue(b.findElements(By.id("ftp")).isEmpty(), "no plain FTP: the tenant does not allow it");
            assertTrue(b.findElement(By.cssSelector("#sftp button.copy")).isDisplayed(), "copy buttons with script");
            PageChecks.check(b, "connect");
            String host = b.findElement(By.id("sftp-host")).getText();
            String port = b.findElement(By.id("sftp-port")).getText();
            String sftpUser = b.findElement(By.id("sftp-username")).getText();
            String sftp = "sftp://" + host + ":" + port + "/";
            // the details as shown sign in with the user's password
            assertEquals(0, curl(dir, "-u", sftpUser + ":" + password, sftp), "SFTP with the page's details");

            // an SSH key added on the page signs in over SFTP
            Path key = dir.resolve("id_ecdsa");
            run(dir, "ssh-keygen", "-q", "-t", "ecdsa", "-m", "PEM", "-N", "", "-C", "web-test", "-f", key.toString());
            b.findElement(By.id("nav-keys")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-ssh-keys")));
            b.findElement(By.id("publicKey")).sendKeys(Files.readString(dir.resolve("id_ecdsa.pub")).strip());
            b.findElement(By.cssSelector("#add-ssh-key button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ssh-keys code.sha")));
            assertTrue(b.findElement(By.id("ssh-keys")).getText().contains("web-test"), "the key is listed");
            PageChecks.check(b, "keys");
            assertEquals(0, curl(dir, "-u", sftpUser + ":", "--key", key.toString(), "--pubkey",
                    dir.resolve("id_ecdsa.pub").toString(), sftp), "SFTP with the added key");

            // an API key: the secret is shown once and signs in; revoked, it no longer does
            String keyName = "web-" + UUID.randomUUID().toString().substring(0, 6);
            b.findElement(By.id("keyname")).sendKeys(keyName);
            b.findElement(By.cssSelector("#create-api-key button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("key-secret")));
            String secret = b.findElement(By.id("key-secret")).getText();
            PageChecks.check(b, "apikey");
            String login = b.findElement(By.id("key-login")).getText();
            String apiUser = login + sftpUser.substring(sftpUser.lastIndexOf('@') < 0 ? sftpUser.length()
                    : sftpUser.lastIndexOf('@'));
            assertEquals(0, curl(dir, "-u", apiUser + ":" + secret, sftp), "SFTP with the new API key");
            b.findElement(By.id("back-to-keys")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("api-keys")));
            assertFalse(b.getPageSource().contains(secret), "the secret is not shown again");
            b.findElement(By.cssSelector("button[aria-label='Revoke the key " + keyName + "']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-api-keys")));
            assertTrue(curl(dir, "-u", apiUser + ":" + secret, sftp) != 0, "a revoked key signs in no more");
            b.findElement(By.cssSelector("#ssh-keys button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-ssh-keys")));

            audit.awaitAll(WAIT,
                    AuditLog.of("dev.wharf.admin.changed", Map.of("action", "user.sshkey_added",
                            "actor", user + "@demo", "target", user)),
                    AuditLog.of("dev.wharf.admin.changed", Map.of("action", "user.apikey_revoked",
                            "actor", user + "@demo", "target", user)));
        } finally {
            b.quit();
            deleteFolder(dir);
        }
    }

    /** Keeps every value the progress bar takes in sessionStorage, which outlives the reload after the upload. */
    private static void recordProgress(WebDriver b) {
        ((JavascriptExecutor) b).executeScript("""
                sessionStorage.removeItem('wharf-test-progress');
                const p = document.getElementById('progress');
                new MutationObserver(() => {
                  const seen = sessionStorage.getItem('wharf-test-progress');
                  sessionStorage.setItem('wharf-test-progress', (seen ? seen + ',' : '') + p.value);
                }).observe(p, {attributes: true, attributeFilter: ['value']});
                """);
    }

    @Test
    void cookiesAreSecureAndChangesNeedTheCsrfToken() throws Exception {
        WebDriver b = PortalBrowser.open(downloads);
        try {
            b.get(portal(platform, "demo") + "/files");
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

            b.get(portal(platform, "demo") + "/files");
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
        String otherRealm = "/realms/" + E2ePlatform.realmOf(OTHER_TENANT) + "/";
        WebDriver b = PortalBrowser.open(downloads);
        try {
            b.get(portal(platform, OTHER_TENANT) + "/files");
            assertTrue(b.getCurrentUrl().contains(otherRealm), b.getCurrentUrl());
            signIn(b, "demo", platform.demoPassword());
            new WebDriverWait(b, WAIT).until(d -> d.getPageSource().contains("Invalid username or password"));
            assertTrue(b.getCurrentUrl().contains(otherRealm), "still at Keycloak: "
                    + b.getCurrentUrl());
            assertTrue(b.findElements(By.id("files")).isEmpty());

            // signed in at the demo tenant, the other tenant's host still asks its own realm
            b.get(portal(platform, "demo") + "/files");
            signIn(b, "demo", platform.demoPassword());
            awaitFileList(b);
            b.get(portal(platform, OTHER_TENANT) + "/files");
            new WebDriverWait(b, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            assertTrue(b.getCurrentUrl().contains(otherRealm), b.getCurrentUrl());
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
