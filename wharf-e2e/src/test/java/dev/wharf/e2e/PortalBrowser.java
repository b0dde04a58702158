package dev.wharf.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal tests' browser (Debian's Chromium, headless, through chromedriver), their sign-in at Keycloak, and the
 * command-line clients they check the pages' details with. The test browser alone accepts the platform's
 * self-signed certificate.
 */
public final class PortalBrowser {
    static final Duration WAIT = Duration.ofSeconds(60);

    private PortalBrowser() {
    }

    /** {@code https://<tenant>.localhost:<web port>}. */
    static String portal(E2ePlatform platform, String tenant) {
        return "https://" + tenant + ".localhost:" + platform.platform().plan().webPort();
    }

    /** A new browser; downloads go to {@code downloads} when given. */
    public static WebDriver open(Path downloads) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        // test browser only: the platform's certificate is self-signed
        o.addArguments("--headless=new", "--ignore-certificate-errors", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1280,900");
        if (downloads != null) {
            o.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    /**
     * Fills Keycloak's sign-in form: one page, or two where the realm has organizations on (Keycloak asks for the
     * user name first, identity-first, and for the password on the next page).
     */
    public static void signIn(WebDriver b, String user, String password) {
        WebDriverWait wait = new WebDriverWait(b, WAIT);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        b.findElement(By.id("username")).sendKeys(user);
        if (b.findElements(By.id("password")).isEmpty()) {
            b.findElement(By.id("kc-login")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
        }
        b.findElement(By.id("password")).sendKeys(password);
        b.findElement(By.id("kc-login")).click();
    }

    /** curl's exit code for listing {@code url} (SFTP: the platform's host key is not in any known_hosts here). */
    static int curl(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-S", "-k", "--max-time", "30",
                "-o", "/dev/null"));
        command.addAll(List.of(args));
        return run(dir, command.toArray(String[]::new));
    }

    static int run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished: " + command[0]);
        return p.exitValue();
    }
}
