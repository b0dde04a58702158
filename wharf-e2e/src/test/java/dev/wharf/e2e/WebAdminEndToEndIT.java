package dev.wharf.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static dev.wharf.e2e.PortalBrowser.WAIT;
import static dev.wharf.e2e.PortalBrowser.curl;
import static dev.wharf.e2e.PortalBrowser.portal;
import static dev.wharf.e2e.PortalBrowser.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The administrators' pages of the web portal (settings, users, groups, activity) in a real browser against the
 * whole platform: a tenant administrator signed in to the portal works through the admin API with their own token.
 */
class WebAdminEndToEndIT {
    private static final String OTHER_TENANT = "webadmother";

    private static E2ePlatform platform;
    private static String admin;
    private static String adminPassword;
    private static String stranger;
    @TempDir
    static Path dir;

    @BeforeAll
    static void anAdministratorAndAnotherTenant() {
        platform = E2ePlatform.get();
        admin = "ada" + UUID.randomUUID().toString().substring(0, 6);
        adminPassword = "Ada-" + UUID.randomUUID() + "-x";
        platform.admin().user("demo", admin, adminPassword, null);
        platform.admin().send("PUT", "/v1/admin/tenants/demo/admins/" + admin, null);
        platform.admin().tenant(OTHER_TENANT, null);
        stranger = "stranger" + UUID.randomUUID().toString().substring(0, 6);
        platform.admin().user(OTHER_TENANT, stranger, "Str-" + UUID.randomUUID(), null);
    }

    /** Signs {@code user} in at the demo tenant's portal and waits for the file list. */
    private static void signedIn(WebDriver b, String user, String password) {
        b.get(portal(platform, "demo") + "/files");
        signIn(b, user, password);
        await(b, By.id("files"));
    }

    private static WebElement await(WebDriver b, By what) {
        try {
            return new WebDriverWait(b, WAIT).until(ExpectedConditions.presenceOfElementLocated(what));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no " + what + " at " + b.getCurrentUrl() + ": " + b.getPageSource(), e);
        }
    }

    @Test
    void settingsShowTheHostNamesAndPortsAndSave() {
        WebDriver b = PortalBrowser.open(null);
        try {
            signedIn(b, admin, adminPassword);
            b.findElement(By.id("nav-settings")).click();
            await(b, By.id("endpoints"));
            assertTrue(b.findElement(By.id("host-names")).getText().contains("demo.localhost"),
                    b.findElement(By.id("host-names")).getText());
            var plan = platform.platform().plan();
            assertEquals(Integer.toString(plan.sftpPort()),
                    b.findElement(By.cssSelector("#endpoint-sftp .port")).getText(), "SFTP port");
            assertEquals(Integer.toString(plan.ftpExplicitPorts().getFirst()),
                    b.findElement(By.cssSelector("#endpoint-ftps .port")).getText(), "FTPS port");
            assertEquals(Integer.toString(plan.ftpImplicitPorts().getFirst()),
                    b.findElement(By.cssSelector("#endpoint-ftps-implicit .port")).getText(), "implicit FTPS port");
            assertTrue(b.findElements(By.id("endpoint-ftp")).isEmpty(), "no plain FTP: the tenant does not allow it");
            assertEquals(portal(platform, "demo") + "/", b.findElement(By.id("portal-url")).getText());
            assertEquals("none", b.findElement(By.id("site-quota")).getText(), "demo has no site quota");
            assertTrue(b.findElement(By.id("site-used")).getText().matches("[0-9,]+ bytes.* in [0-9,]+ files"),
                    "storage-service counted the tenant's files: " + b.findElement(By.id("site-used")).getText());
            PageChecks.check(b, "settings");

            WebElement grace = b.findElement(By.id("otpGraceSeconds"));
            String before = grace.getAttribute("value");
            grace.clear();
            grace.sendKeys("123");
            assertFalse(b.findElement(By.id("activeFtpAllowed")).isSelected(), "active FTP is off by default");
            b.findElement(By.id("activeFtpAllowed")).click();
            b.findElement(By.id("save-settings")).click();
            await(b, By.id("saved"));
            assertEquals("123", b.findElement(By.id("otpGraceSeconds")).getAttribute("value"), "saved and shown");
            assertTrue(b.findElement(By.id("activeFtpAllowed")).isSelected(), "active FTP saved and shown");
            b.findElement(By.id("otpGraceSeconds")).clear();
            b.findElement(By.id("otpGraceSeconds")).sendKeys(before);
            b.findElement(By.id("activeFtpAllowed")).click();
            b.findElement(By.id("save-settings")).click();
            await(b, By.id("saved"));
            assertEquals(before, b.findElement(By.id("otpGraceSeconds")).getAttribute("value"));
            assertFalse(b.findElement(By.id("activeFtpAllowed")).isSelected());

            // a value the admin API refuses comes back with its explanation, and nothing changes
            b.findElement(By.id("allowedCidrs")).sendKeys("10.1");
            b.findElement(By.id("save-settings")).click();
            assertEquals("bad_request", await(b, By.id("reason")).getText());
            assertTrue(b.findElement(By.id("explanation")).getText().contains("10.1"),
                    b.findElement(By.id("explanation")).getText());
        } finally {
            b.quit();
        }
    }

    @Test
    void aUserCreatedOnTheUsersPageSignsInOverSftpWithThePasswordShownOnce() throws Exception {
        String user = "newbie" + UUID.randomUUID().toString().substring(0, 6);
        WebDriver b = PortalBrowser.open(null);
        try (AuditLog audit = platform.auditLog()) {
            signedIn(b, admin, adminPassword);
            b.findElement(By.id("nav-users")).click();
            await(b, By.id("create-user"));
            PageChecks.check(b, "users");
            b.findElement(By.id("username")).sendKeys(user);
            b.findElement(By.id("create-user-button")).click();
            String password = await(b, By.id("new-password")).getText();
            PageChecks.check(b, "new-user");
            assertTrue(password.length() >= 20, "a strong generated password: " + password.length() + " characters");
            String sftp = "sftp://" + b.findElement(By.id("sftp-host")).getText() + ":"
                    + b.findElement(By.id("sftp-port")).getText() + "/";
            String sftpUser = b.findElement(By.id("sftp-username")).getText();
            assertEquals(0, curl(dir, "-u", sftpUser + ":" + password, sftp), "SFTP with the details shown");

            // shown once: the user's page does not show it again
            b.findElement(By.id("to-user")).click();
            await(b, By.id("user-settings"));
            assertFalse(b.getPageSource().contains(password), "the password is not shown again");
            PageChecks.check(b, "user");

            // disabled, the user no longer signs in; a new password (no forced change) replaces the old one
            b.findElement(By.id("enabled")).click();
            b.findElement(By.id("save-user")).click();
            await(b, By.id("saved"));
            assertFalse(b.findElement(By.id("enabled")).isSelected(), "shown disabled");
            assertNotEquals(0, curl(dir, "-u", sftpUser + ":" + password, sftp), "a disabled user is refused");
            WebElement savedBefore = b.findElement(By.id("saved"));
            b.findElement(By.id("enabled")).click();
            b.findElement(By.id("save-user")).click();
            // the page before already said "saved": wait for the new one
            new WebDriverWait(b, WAIT).until(ExpectedConditions.stalenessOf(savedBefore));
            await(b, By.id("saved"));
            b.findElement(By.cssSelector("#reset-password input[name=mustChangePassword]")).click();
            b.findElement(By.id("reset-password-button")).click();
            String second = await(b, By.id("new-password")).getText();
            assertNotEquals(password, second);
            assertEquals(0, curl(dir, "-u", sftpUser + ":" + second, sftp), "SFTP with the new password");
            assertNotEquals(0, curl(dir, "-u", sftpUser + ":" + password, sftp), "the old password no longer");

            // the user's keys, managed by the administrator: a new API key signs in over SFTP
            b.findElement(By.id("to-user")).click();
            await(b, By.id("user-keys")).click();
            await(b, By.id("create-api-key"));
            PageChecks.check(b, "user-keys");
            String keyName = "adm-" + UUID.randomUUID().toString().substring(0, 6);
            b.findElement(By.id("keyname")).sendKeys(keyName);
            b.findElement(By.cssSelector("#create-api-key button")).click();
            String keySecret = await(b, By.id("key-secret")).getText();
            int at = sftpUser.lastIndexOf('@');
            String apiUser = b.findElement(By.id("key-login")).getText() + (at < 0 ? "" : sftpUser.substring(at));
            assertEquals(0, curl(dir, "-u", apiUser + ":" + keySecret, sftp), "SFTP with the key the admin made");
            b.findElement(By.id("back-to-keys")).click();
            assertTrue(await(b, By.id("api-keys")).getText().contains(keyName), "listed on the user's keys");

            // TOTP: the QR code and the secret are shown once; the user's page then says enrolled
            b.get(portal(platform, "demo") + "/admin/users/" + user);
            await(b, By.id("enrol-otp")).click();
            WebElement qr = await(b, By.cssSelector("#otp-qr svg"));
            assertEquals("img", qr.getAttribute("role"));
            String secret = b.findElement(By.id("otp-secret")).getText();
            assertTrue(secret.matches("[A-Z2-7]{16,}"), "a base32 secret: " + secret);
            PageChecks.check(b, "otp");
            b.findElement(By.id("to-user")).click();
            assertEquals("enrolled", await(b, By.id("user-otp")).getText());
            assertFalse(b.getPageSource().contains(secret), "the secret is not shown again");

            audit.awaitAll(WAIT,
                    byAdmin("user.created", user),
                    byAdmin("user.password_set", user),
                    byAdmin("user.apikey_created", user));

            // the activity page shows the change (identity-service reads wharf.audit: poll until it is there)
            b.findElement(By.id("nav-activity")).click();
            await(b, By.id("activity-filter"));
            new WebDriverWait(b, WAIT).until(d -> {
                d.navigate().refresh();
                return d.findElements(By.cssSelector("#events tr.event")).stream()
                        .anyMatch(r -> r.getText().contains("user.created") && r.getText().contains(user));
            });
            PageChecks.check(b, "activity");
            b.get(portal(platform, "demo") + "/admin/activity?type=dev.wharf.login.succeeded&user=" + admin);
            await(b, By.id("events"));
            assertTrue(b.findElements(By.cssSelector("#events tr.event")).stream()
                    .allMatch(r -> r.getText().contains("login.succeeded")), "only the type asked for");

            // groups: a new group with the user as member
            String group = "team" + UUID.randomUUID().toString().substring(0, 6);
            b.findElement(By.id("nav-groups")).click();
            await(b, By.id("create-group"));
            b.findElement(By.id("group-name")).sendKeys(group);
            b.findElement(By.cssSelector("#create-group button")).click();
            WebElement card = await(b, By.xpath("//section[h2='" + group + "']"));
            new org.openqa.selenium.support.ui.Select(card.findElement(By.tagName("select"))).selectByVisibleText(user);
            card.findElement(By.xpath(".//form[contains(@action,'/members')]//button")).click();
            await(b, By.xpath("//section[h2='" + group + "']//button[@aria-label='Remove " + user + " from " + group
                    + "']"));
            PageChecks.check(b, "groups");
        } finally {
            b.quit();
        }
    }

    @Test
    void anAdministratorGrantsRevokesAndDeletesOthersButNeverThemself() throws Exception {
        String user = "del" + UUID.randomUUID().toString().substring(0, 6);
        String password = "Del-" + UUID.randomUUID() + "-x";
        platform.admin().user("demo", user, password, null);
        WebDriver b = PortalBrowser.open(null);
        try (AuditLog audit = platform.auditLog()) {
            signedIn(b, admin, adminPassword);
            // found by a part of the name; the list says who administers the tenant
            b.get(portal(platform, "demo") + "/admin/users");
            await(b, By.id("q")).sendKeys(user.substring(1).toUpperCase(java.util.Locale.ROOT));
            b.findElement(By.cssSelector("#search-users button")).click();
            await(b, By.id("clear-search"));
            assertEquals(1, b.findElements(By.cssSelector("#users a.user-link")).size(), "only the one asked for");
            assertTrue(b.findElement(By.id("users")).getText().contains(user + " enabled user"),
                    b.findElement(By.id("users")).getText());
            PageChecks.check(b, "users-search");

            // the administrator role, given and taken away on the user's page
            b.findElement(By.linkText(user)).click();
            await(b, By.id("grant-admin-button")).click();
            await(b, By.id("revoke-admin-button"));
            assertTrue(b.findElement(By.id("user-role")).getText().contains("administers demo"));
            assertTrue(platform.admin().send("GET", "/v1/admin/tenants/demo/admins", null).contains("\"" + user + "\""));
            b.findElement(By.id("revoke-admin-button")).click();
            await(b, By.id("grant-admin-button"));
            assertFalse(platform.admin().send("GET", "/v1/admin/tenants/demo/admins", null)
                    .contains("\"" + user + "\""));

            // deletion: a confirmation page; a forged confirmation is refused and deletes nothing
            b.findElement(By.id("delete-user")).click();
            await(b, By.id("confirm-delete"));
            PageChecks.check(b, "delete-user");
            ((JavascriptExecutor) b).executeScript(
                    "document.querySelector('#delete-user-form input[name=csrf]').value = 'forged'");
            b.findElement(By.id("confirm-delete")).click();
            assertEquals("csrf_invalid", await(b, By.id("reason")).getText());
            assertEquals(0, curl(dir, "-u", user + "@demo.localhost:" + password,
                    "sftp://127.0.0.1:" + platform.platform().plan().sftpPort() + "/"), "still there");
            b.get(portal(platform, "demo") + "/admin/users/" + user + "/delete");
            await(b, By.id("confirm-delete")).click();
            assertEquals("User " + user + " deleted.", await(b, By.id("deleted")).getText());
            b.get(portal(platform, "demo") + "/admin/users?q=" + user);
            assertTrue(await(b, By.id("users")).getText().contains("No user name contains"), "no longer listed");
            b.get(portal(platform, "demo") + "/admin/users/" + user);
            assertEquals("not_found", await(b, By.id("reason")).getText());
            assertNotEquals(0, curl(dir, "-u", user + "@demo.localhost:" + password,
                    "sftp://127.0.0.1:" + platform.platform().plan().sftpPort() + "/"), "a deleted user is refused");

            // their own page offers none of it, and the admin API refuses it when sent anyway
            b.get(portal(platform, "demo") + "/admin/users/" + admin);
            assertTrue(await(b, By.id("self-note")).getText().contains("cannot take away your own"));
            assertTrue(b.findElements(By.id("delete-user")).isEmpty(), "no delete link on one's own page");
            assertTrue(b.findElements(By.id("revoke-admin")).isEmpty(), "no revoke form on one's own page");
            for (String action : new String[] {"delete", "admin/revoke"}) {
                ((JavascriptExecutor) b).executeScript("""
                        const f = document.createElement('form');
                        f.method = 'post';
                        f.action = arguments[0];
                        const c = document.querySelector('input[name=csrf]').cloneNode();
                        f.appendChild(c);
                        document.body.appendChild(f);
                        f.submit();""", "/admin/users/" + admin + "/" + action);
                assertEquals("permission_denied", await(b, By.id("reason")).getText(), action);
                assertTrue(b.findElement(By.id("explanation")).getText().contains("themself"), action);
                b.get(portal(platform, "demo") + "/admin/users/" + admin);
                await(b, By.id("self-note"));
            }
            b.findElement(By.id("enabled")).click();
            b.findElement(By.id("save-user")).click();
            assertEquals("permission_denied", await(b, By.id("reason")).getText(), "cannot disable themself");
            assertTrue(platform.admin().send("GET", "/v1/admin/tenants/demo/admins", null)
                    .contains("\"" + admin + "\""), "still an administrator");

            audit.awaitAll(WAIT,
                    byAdmin("admin.granted", user),
                    byAdmin("admin.revoked", user),
                    byAdmin("user.deleted", user));
        } finally {
            b.quit();
        }
    }

    @Test
    void theUserListIsPaged() {
        String prefix = "pg" + UUID.randomUUID().toString().substring(0, 5) + "-";
        for (int i = 0; i < 52; i++) {
            platform.admin().user("demo", prefix + String.format("%02d", i), "Pg-" + UUID.randomUUID() + "-x", null);
        }
        WebDriver b = PortalBrowser.open(null);
        try {
            signedIn(b, admin, adminPassword);
            b.get(portal(platform, "demo") + "/admin/users?q=" + prefix);
            assertEquals("Page 1 of 2", await(b, By.id("users-page")).getText());
            assertEquals(50, b.findElements(By.cssSelector("#users a.user-link")).size());
            assertTrue(b.findElements(By.id("users-previous")).isEmpty(), "no previous page on the first");
            PageChecks.check(b, "users-paged");
            b.findElement(By.id("users-next")).click();
            assertEquals("Page 2 of 2", await(b, By.id("users-page")).getText());
            assertEquals(List.of(prefix + "50", prefix + "51"), b.findElements(By.cssSelector("#users a.user-link"))
                    .stream().map(WebElement::getText).toList());
            assertTrue(b.findElements(By.id("users-next")).isEmpty(), "no next page on the last");
            b.findElement(By.id("users-previous")).click();
            assertEquals("Page 1 of 2", await(b, By.id("users-page")).getText());
            assertEquals(prefix + "00", b.findElement(By.cssSelector("#users a.user-link")).getText());
        } finally {
            b.quit();
        }
    }

    @Test
    void anOperatorSeesTenantsAndLiftsBansOnTheConsoleButATenantAdministratorCannot() throws Exception {
        String attacker = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        assertTrue(ProxiedClients.isBanned(ProxiedClients.failFtpsLoginsUntilBanned(attacker,
                platform.ftpExplicitPort())), "banned after failed FTPS logins");
        var keycloak = platform.platform().keycloak();
        String console = "https://localhost:" + platform.platform().plan().webPort();
        WebDriver b = PortalBrowser.open(null);
        try (AuditLog audit = platform.auditLog()) {
            b.get(console + "/");
            await(b, By.id("username"));
            assertTrue(b.getCurrentUrl().contains("/realms/master/"), "operators sign in at the admin realm: "
                    + b.getCurrentUrl());
            signIn(b, keycloak.adminUser(), keycloak.adminPassword());
            WebElement demo = await(b, By.id("tenant-demo"));
            assertTrue(b.getCurrentUrl().startsWith(console + "/operator/tenants"), b.getCurrentUrl());
            assertTrue(demo.getText().contains("enabled") && demo.getText().contains("demo.localhost"),
                    demo.getText());
            PageChecks.check(b, "operator-tenants");
            if (!b.findElements(By.id("tenants-next")).isEmpty()) {
                b.findElement(By.id("tenants-next")).click();
                await(b, By.id("tenants-first"));
                assertTrue(b.findElements(By.cssSelector("#tenants tr.tenant")).size() > 0, "a second page");
            }
            // a page of the tenants' portal is nobody's here
            b.get(console + "/files");
            assertEquals("not_found", await(b, By.id("reason")).getText());

            b.get(console + "/operator/bans");
            By row = By.xpath("//tr[@class='ban'][td/code='" + attacker + "']");
            await(b, row);
            PageChecks.check(b, "operator-bans");
            ((JavascriptExecutor) b).executeScript("arguments[0].querySelector('input[name=csrf]').value = 'forged'",
                    b.findElement(row));
            b.findElement(row).findElement(By.tagName("button")).click();
            assertEquals("csrf_invalid", await(b, By.id("reason")).getText());
            b.get(console + "/operator/bans");
            await(b, row).findElement(By.tagName("button")).click();
            assertEquals("Ban on " + attacker + " lifted.", await(b, By.id("lifted")).getText());
            assertTrue(b.findElements(row).isEmpty(), "no longer listed");
            audit.awaitAll(WAIT, AuditLog.of("dev.wharf.admin.changed", Map.of("action", "ban.lifted",
                    "actor", keycloak.adminUser(), "target", attacker)));
        } finally {
            b.quit();
        }

        // a tenant administrator asking for the operators' pages on their portal: 403, saying where they are
        WebDriver t = PortalBrowser.open(null);
        try {
            signedIn(t, admin, adminPassword);
            for (String page : new String[] {"/operator/tenants", "/operator/bans"}) {
                t.get(portal(platform, "demo") + page);
                assertEquals("permission_denied", await(t, By.id("reason")).getText(), page);
                assertTrue(t.findElement(By.id("explanation")).getText().contains("platform operators"), page);
            }
            PageChecks.check(t, "operator-refused");
        } finally {
            t.quit();
        }
    }

    @Test
    void aUsersLimitsAndStorageAreShownOnTheirPage() {
        String user = "lim-" + UUID.randomUUID().toString().substring(0, 6);
        platform.admin().user("demo", user, "Lim-" + UUID.randomUUID() + "-x", null);
        platform.admin().send("PATCH", "/v1/admin/tenants/demo/users/" + user, "{\"quotaBytes\":1048576,"
                + "\"quotaFiles\":20,\"uploadBytesPerSecond\":524288,\"maxSessions\":3,\"expires\":\"2099-01-31\"}");
        WebDriver b = PortalBrowser.open(null);
        try {
            signedIn(b, admin, adminPassword);
            b.get(portal(platform, "demo") + "/admin/users/" + user);
            assertEquals("1,048,576 bytes (1.0 MiB), 20 files", await(b, By.id("user-quota")).getText());
            assertEquals("upload 524,288 bytes (512.0 KiB)/s, download unlimited",
                    b.findElement(By.id("user-bandwidth")).getText());
            assertEquals("3", b.findElement(By.id("user-max-sessions")).getText());
            assertTrue(b.findElement(By.id("user-expires")).getText().startsWith("2099-01-31"),
                    b.findElement(By.id("user-expires")).getText());
            assertEquals("0 bytes in 0 files", b.findElement(By.id("user-used")).getText(), "an empty home, counted");
            PageChecks.check(b, "user-limits");
        } finally {
            b.quit();
        }
    }

    /**
     * The limits forms: a user's quota, largest file, bandwidth, sessions and expiry set on their page (bad input
     * explained, the form CSRF-protected), shown there and enforced on an SFTP upload; the site's largest file set
     * and removed on the Settings page.
     */
    @Test
    void anAdministratorSetsAUsersLimitsOnTheirPageAndTheyAreEnforced() throws Exception {
        String user = "setlim-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "Set-" + UUID.randomUUID() + "-x";
        platform.admin().user("demo", user, password, null);
        WebDriver b = PortalBrowser.open(null);
        try {
            signedIn(b, admin, adminPassword);
            b.get(portal(platform, "demo") + "/admin/users/" + user);
            assertEquals("", await(b, By.id("quotaBytes")).getAttribute("value"), "no quota: an empty field");
            b.findElement(By.id("quotaBytes")).sendKeys("lots");
            b.findElement(By.id("save-limits")).click();
            assertEquals("bad_request", await(b, By.id("reason")).getText());
            assertTrue(b.findElement(By.id("explanation")).getText().startsWith(
                    "quota must be a number of bytes like 50GB"), b.findElement(By.id("explanation")).getText());

            b.get(portal(platform, "demo") + "/admin/users/" + user);
            fill(b, Map.of("quotaBytes", "64K", "quotaFiles", "10", "maxFileSize", "32K", "uploadRate", "1M",
                    "maxSessions", "2"));
            ((JavascriptExecutor) b).executeScript("document.getElementById('expires').value = '2099-12-31'");
            b.findElement(By.id("save-limits")).click();
            await(b, By.id("saved"));
            assertEquals("65,536 bytes (64.0 KiB), 10 files", b.findElement(By.id("user-quota")).getText());
            assertEquals("32,768 bytes (32.0 KiB)", b.findElement(By.id("user-max-file")).getText());
            assertEquals("upload 1,048,576 bytes (1.0 MiB)/s, download unlimited",
                    b.findElement(By.id("user-bandwidth")).getText());
            assertEquals("2", b.findElement(By.id("user-max-sessions")).getText());
            assertTrue(b.findElement(By.id("user-expires")).getText().startsWith("2099-12-31"));
            assertEquals("64K", b.findElement(By.id("quotaBytes")).getAttribute("value"), "the form shows it back");
            PageChecks.check(b, "user-limits-form");

            // enforced: over SFTP a file over the largest is refused, one under it is stored and counted
            String sftp = "sftp://127.0.0.1:" + platform.sftpPort() + "/";
            Files.write(dir.resolve("big.bin"), E2ePlatform.randomBytes(40 * 1024));
            Files.write(dir.resolve("small.bin"), E2ePlatform.randomBytes(20 * 1024));
            String login = user + "@demo.localhost:" + password;
            assertNotEquals(0, curl(dir, "-u", login, "-T", "big.bin", sftp), "over the largest file");
            assertEquals(0, curl(dir, "-u", login, "-T", "small.bin", sftp), "within the limits");
            b.get(portal(platform, "demo") + "/admin/users/" + user);
            assertEquals("20,480 bytes (20.0 KiB) in 1 files", await(b, By.id("user-used")).getText(),
                    "only the small file was stored");

            // emptied fields remove the limits; a forged form changes nothing
            ((JavascriptExecutor) b).executeScript(
                    "document.querySelector('#user-limits-form input[name=csrf]').value = 'forged'");
            b.findElement(By.id("quotaBytes")).clear();
            b.findElement(By.id("save-limits")).click();
            assertEquals("csrf_invalid", await(b, By.id("reason")).getText());
            b.get(portal(platform, "demo") + "/admin/users/" + user);
            assertEquals("64K", await(b, By.id("quotaBytes")).getAttribute("value"), "the forged form changed nothing");
            for (String field : new String[] {"quotaBytes", "quotaFiles", "maxFileSize", "uploadRate", "maxSessions"}) {
                b.findElement(By.id(field)).clear();
            }
            ((JavascriptExecutor) b).executeScript("document.getElementById('expires').value = ''");
            b.findElement(By.id("save-limits")).click();
            await(b, By.id("saved"));
            assertEquals("none", b.findElement(By.id("user-quota")).getText());
            assertEquals("never", b.findElement(By.id("user-expires")).getText());

            // the site's largest file on the Settings page
            b.get(portal(platform, "demo") + "/admin/settings");
            assertEquals("none", await(b, By.id("site-max-file")).getText());
            fill(b, Map.of("siteMaxFileSize", "ten"));
            b.findElement(By.id("save-storage")).click();
            assertTrue(await(b, By.id("explanation")).getText().startsWith(
                    "the largest file must be a number of bytes like 50GB"), b.findElement(By.id("explanation"))
                    .getText());
            b.get(portal(platform, "demo") + "/admin/settings");
            fill(b, Map.of("siteMaxFileSize", "10M"));
            b.findElement(By.id("save-storage")).click();
            await(b, By.id("saved"));
            assertEquals("10,485,760 bytes (10.0 MiB)", b.findElement(By.id("site-max-file")).getText());
            assertEquals("none", b.findElement(By.id("site-quota")).getText(), "the quota left empty stays none");
            PageChecks.check(b, "settings-storage");
            assertTrue(platform.admin().send("GET", "/v1/admin/tenants/demo/settings", null)
                    .contains("\"maxFileSize\":10485760"), "set through the admin API");
            b.findElement(By.id("siteMaxFileSize")).clear();
            b.findElement(By.id("save-storage")).click();
            // the page before already said "saved": wait for the new one's value
            new WebDriverWait(b, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> "none".equals(d.findElement(By.id("site-max-file")).getText()));
        } finally {
            b.quit();
        }
    }

    @Test
    void anAdministratorSetsFolderAccessOnTheUserPageAndRequires2faOnTheSettingsPage() throws Exception {
        String user = "dropbox-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "Drop-" + UUID.randomUUID() + "-x";
        platform.admin().user("demo", user, password, null);
        String page = portal(platform, "demo") + "/admin/users/" + user;
        WebDriver b = PortalBrowser.open(null);
        try (AuditLog audit = platform.auditLog()) {
            signedIn(b, admin, adminPassword);
            b.get(page);
            assertEquals("none of their own", await(b, By.id("user-folder-rules")).getText());

            // a rule the admin API cannot read is refused with its explanation, and nothing changes
            fill(b, Map.of("user-folderRules", "upload-everything /"));
            b.findElement(By.id("save-access")).click();
            assertEquals("bad_request", await(b, By.id("reason")).getText());
            assertTrue(b.findElement(By.id("explanation")).getText().contains("upload-everything"),
                    b.findElement(By.id("explanation")).getText());
            b.get(page);
            assertEquals("", await(b, By.id("user-folderRules")).getAttribute("value"), "nothing saved");

            // a drop box with a shared folder beside it
            fill(b, Map.of("user-folderRules", "upload-only /", "user-sharedFolders", "webdocs read-only /docs"));
            b.findElement(By.id("save-access")).click();
            await(b, By.id("saved"));
            assertEquals("upload-only /", b.findElement(By.id("user-folder-rules")).getText());
            assertEquals("webdocs read-only /docs", b.findElement(By.id("user-shared-folders")).getText());
            assertEquals("upload-only /", b.findElement(By.id("user-folderRules")).getAttribute("value"));
            PageChecks.check(b, "user-access");
            String shown = platform.admin().send("GET", "/v1/admin/tenants/demo/users/" + user, null);
            assertTrue(shown.contains("\"folderRules\":[\"upload-only /\"]")
                    && shown.contains("\"sharedFolders\":[\"webdocs read-only /docs\"]"), shown);

            // enforced over SFTP: the user puts a file but cannot read it back
            String sftp = "sftp://127.0.0.1:" + platform.sftpPort() + "/";
            Files.write(dir.resolve("drop.bin"), E2ePlatform.randomBytes(4096));
            String login = user + "@demo.localhost:" + password;
            assertEquals(0, curl(dir, "-u", login, "-T", "drop.bin", sftp), "upload-only: the upload is stored");
            assertNotEquals(0, curl(dir, "-u", login, sftp + "drop.bin"), "upload-only: no download");

            // a group's folder rules and shared folders on the Groups page
            String group = "share" + UUID.randomUUID().toString().substring(0, 6);
            b.get(portal(platform, "demo") + "/admin/groups");
            await(b, By.id("group-name")).sendKeys(group);
            b.findElement(By.cssSelector("#create-group button")).click();
            WebElement card = await(b, By.xpath("//section[h2='" + group + "']"));
            card.findElement(By.name("folderRules")).sendKeys("read-only /reports");
            card.findElement(By.name("sharedFolders")).sendKeys("webdocs no-delete /team");
            card.findElement(By.xpath(".//button[text()='Save " + group + "']")).click();
            new WebDriverWait(b, WAIT).until(ExpectedConditions.stalenessOf(card));
            card = await(b, By.xpath("//section[h2='" + group + "']"));
            assertEquals("webdocs no-delete /team", card.findElement(By.name("sharedFolders")).getAttribute("value"));
            String g = platform.admin().send("GET", "/v1/admin/tenants/demo/groups/" + group, null);
            assertTrue(g.contains("\"folderRules\":[\"read-only /reports\"]")
                    && g.contains("\"sharedFolders\":[\"webdocs no-delete /team\"]"), g);
            PageChecks.check(b, "groups-access");

            // every user needs 2FA, except with API keys; passwords last 90 days
            b.get(portal(platform, "demo") + "/admin/settings");
            assertFalse(await(b, By.id("secondFactorRequired")).isSelected(), "not required by default");
            b.findElement(By.id("secondFactorRequired")).click();
            b.findElement(By.id("exempt-api-keys")).click();
            fill(b, Map.of("passwordMaxAgeDays", "90"));
            b.findElement(By.id("save-settings")).click();
            await(b, By.id("saved"));
            assertTrue(b.findElement(By.id("secondFactorRequired")).isSelected(), "2FA required saved and shown");
            assertTrue(b.findElement(By.id("exempt-api-keys")).isSelected());
            assertFalse(b.findElement(By.id("exempt-ssh-keys")).isSelected());
            assertEquals("90", b.findElement(By.id("passwordMaxAgeDays")).getAttribute("value"));
            PageChecks.check(b, "settings-2fa");
            String settings = platform.admin().send("GET", "/v1/admin/tenants/demo/settings", null);
            assertTrue(settings.contains("\"secondFactorRequired\":true")
                    && settings.contains("\"secondFactorExempt\":[\"api-keys\"]")
                    && settings.contains("\"passwordMaxAgeDays\":90"), settings);
            fill(b, Map.of("passwordMaxAgeDays", "a year"));
            b.findElement(By.id("save-settings")).click();
            assertTrue(await(b, By.id("explanation")).getText().startsWith(
                    "the password's maximum age in days must be a whole number"),
                    b.findElement(By.id("explanation")).getText());

            audit.awaitAll(WAIT,
                    byAdmin("user.updated", user),
                    byAdmin("group.updated", group),
                    AuditLog.of("dev.wharf.admin.changed", Map.of("action", "tenant.settings_changed",
                            "actor", admin + "@demo")));
        } finally {
            b.quit();
            // the demo tenant's other tests sign in with passwords alone
            platform.admin().send("PUT", "/v1/admin/tenants/demo/settings",
                    "{\"secondFactorRequired\":false,\"secondFactorExempt\":[],\"passwordMaxAgeDays\":0}");
        }
    }

    /** The admin API's audit event of {@code action} on {@code target}, made by the signed-in administrator. */
    private static Predicate<AuditLog.Entry> byAdmin(String action, String target) {
        return AuditLog.of("dev.wharf.admin.changed", Map.of("action", action, "actor", admin + "@demo",
                "target", target));
    }

    /** Types {@code values} into the fields of those ids, replacing what they held. */
    private static void fill(WebDriver b, Map<String, String> values) {
        values.forEach((id, value) -> {
            WebElement field = await(b, By.id(id));
            field.clear();
            field.sendKeys(value);
        });
    }

    @Test
    void aPlainUserSeesNoAdministratorsPages() {
        String user = "plain" + UUID.randomUUID().toString().substring(0, 6);
        String password = "Plain-" + UUID.randomUUID() + "-x";
        platform.admin().user("demo", user, password, null);
        WebDriver b = PortalBrowser.open(null);
        try {
            signedIn(b, user, password);
            assertTrue(b.findElements(By.id("nav-settings")).isEmpty(), "no Settings in the menu");
            for (String page : new String[] {"/admin/settings", "/admin/users", "/admin/groups", "/admin/activity",
                    "/admin/users/" + admin}) {
                b.get(portal(platform, "demo") + page);
                assertEquals("not_found", await(b, By.id("reason")).getText(), page);
            }
        } finally {
            b.quit();
        }
    }

    @Test
    void anAdministratorSeesOnlyTheirTenantAndChangesNeedTheCsrfToken() {
        WebDriver b = PortalBrowser.open(null);
        try {
            signedIn(b, admin, adminPassword);
            b.get(portal(platform, "demo") + "/admin/users");
            WebElement users = await(b, By.id("users"));
            assertTrue(users.getText().contains(admin), users.getText());
            assertFalse(users.getText().contains(stranger), "another tenant's user is not listed");
            b.get(portal(platform, "demo") + "/admin/users/" + stranger);
            assertEquals("not_found", await(b, By.id("reason")).getText(), "another tenant's user is not found");

            // a forged form: refused, nothing created
            String user = "forged" + UUID.randomUUID().toString().substring(0, 6);
            b.get(portal(platform, "demo") + "/admin/users");
            await(b, By.id("create-user"));
            ((JavascriptExecutor) b).executeScript(
                    "document.querySelector('#create-user input[name=csrf]').value = 'forged'");
            b.findElement(By.id("username")).sendKeys(user);
            b.findElement(By.id("create-user-button")).click();
            assertEquals("csrf_invalid", await(b, By.id("reason")).getText());
            b.get(portal(platform, "demo") + "/admin/users");
            assertFalse(await(b, By.id("users")).getText().contains(user), "the forged form created nothing");

            // the other tenant's portal asks its own realm: this sign-in is not theirs
            b.get(portal(platform, OTHER_TENANT) + "/admin/users");
            await(b, By.id("username"));
            assertTrue(b.getCurrentUrl().contains("/realms/" + E2ePlatform.realmOf(OTHER_TENANT) + "/"),
                    b.getCurrentUrl());
        } finally {
            b.quit();
        }
    }
}
