package dev.wharf.e2e.cli;

import dev.wharf.e2e.Cli;
import dev.wharf.e2e.E2ePlatform;
import dev.wharf.e2e.PortalBrowser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant administrator with TOTP keeps their command line (issue 13, must-have 7): the password grant cannot pass
 * the second factor, {@code wharf login} signs in through the browser (device authorization grant, Keycloak's own
 * pages with the TOTP step) and keeps the tokens for the next commands, {@code wharf logout} forgets them.
 */
class CliBrowserLoginIT {
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/device\\S*)");
    private final WharfCommand operator = WharfCommand.operator();

    @Test
    void anAdministratorWithTotpSignsInThroughTheBrowserAndTheCliKeepsWorking() throws Exception {
        Cli.require("chromium");
        String tenant = CliOperatorIT.newTenantId();
        operator.run("tenant", "create", tenant).ok();
        String password = "Boss-" + UUID.randomUUID() + "-x";
        operator.runWithInput(password + "\n", "user", "create", "boss", "--tenant", tenant, "--new-password", "-")
                .ok();
        operator.run("admin", "grant", "boss", "--tenant", tenant).ok();
        String enrolled = operator.run("otp", "enrol", "boss", "--tenant", tenant).ok();
        Matcher secret = Pattern.compile("secret: ([A-Z2-7]+)").matcher(enrolled);
        assertTrue(secret.find(), enrolled);

        Path config = Files.createTempDirectory("wharf-login-config");
        WharfCommand withPassword = WharfCommand.as(tenant, "boss", password).with("WHARF_CONFIG_DIR", config.toString());
        // the password alone no longer signs in: the realm asks for the second factor
        withPassword.run("user", "list").fails(3, "sign-in failed");

        WharfCommand boss = withPassword.without("WHARF_PASSWORD");
        Path out = config.resolve("login.out");
        Process login = boss.start(out, "login");
        WebDriver browser = PortalBrowser.open(null);
        try {
            String link = awaitLink(out, login);
            browser.get(link);
            boolean organizations = E2ePlatform.organizations();
            PortalBrowser.signIn(browser, organizations ? tenant + ".boss" : "boss", password);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("otp")));
            browser.findElement(By.id("otp")).sendKeys(IdentityProbe.totp(secret.group(1)));
            browser.findElement(By.id("kc-login")).click();
            // Keycloak asks the user to confirm the access a device grant gives (its consent page, "Yes")
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("body[data-page-id='login-login-oauth-grant']")));
            browser.findElement(By.cssSelector("button[name='accept']")).click();
            assertTrue(login.waitFor(90, TimeUnit.SECONDS), "wharf login finished: " + read(out)
                    + "\n--- page\n" + browser.getPageSource());
            assertEquals(0, login.exitValue(), read(out));
            assertTrue(read(out).contains("signed in as " + (organizations ? tenant + ".boss" : "boss")), read(out));
        } finally {
            browser.quit();
            login.destroyForcibly();
        }

        // the kept sign-in serves the next commands, without a password, and only its owner can read it
        assertTrue(boss.run("user", "list", "--json").json().findValuesAsText("username").contains("boss"));
        try (var files = Files.list(config)) {
            Path kept = files.filter(f -> f.getFileName().toString().startsWith("login-")).findFirst().orElseThrow();
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(kept)));
            assertTrue(!Files.readString(kept).contains(password), "no password is kept");
        }
        assertTrue(boss.run("logout").ok().contains("signed out"));
        boss.run("user", "list").fails(3, "wharf login");
        operator.run("tenant", "delete", tenant, "--yes").ok();
    }

    /** The address {@code wharf login} printed, polled from its output (bounded: 60 s, every 100 ms). */
    private static String awaitLink(Path out, Process login) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (int i = 0; i < 600 && System.nanoTime() < deadline; i++) {
            Matcher m = LINK.matcher(read(out));
            if (m.find()) {
                return m.group(1);
            }
            if (!login.isAlive()) {
                break;
            }
            LockSupport.parkNanos(100_000_000L);
        }
        throw new AssertionError("wharf login printed no address: " + read(out));
    }

    private static String read(Path out) throws java.io.IOException {
        return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    }
}
