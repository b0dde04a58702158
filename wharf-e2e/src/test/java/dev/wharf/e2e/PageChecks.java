package dev.wharf.e2e;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every portal page must be, checked in the browser that shows it: no serious or critical axe-core violation
 * (axe-core from its Maven Central webjar, injected by the test only: the pages' CSP allows no foreign script), no
 * sideways scrolling at phone width, and its weight and server time printed. With {@code -Dwharf.screenshots=DIR}
 * a screenshot of the page is written there (docs/screenshots is where the README takes them from).
 */
final class PageChecks {
    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static final int PHONE_WIDTH = 390;

    private PageChecks() {
    }

    /** Checks the page now in {@code b}; {@code name} names it in messages and the screenshot's file. */
    static void check(WebDriver b, String name) {
        JavascriptExecutor js = (JavascriptExecutor) b;
        js.executeScript(axeSource());
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))),
                  e => done(['axe failed: ' + e]));
                """);
        assertEquals(List.of(), violations, "accessibility of the " + name + " page");

        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) js.executeScript("""
                const n = performance.getEntriesByType('navigation')[0];
                const r = performance.getEntriesByType('resource');
                return {html: n.encodedBodySize, server: n.responseStart - n.requestStart,
                        resources: r.reduce((s, e) => s + e.encodedBodySize, 0), count: r.length};
                """);
        assertNotNull(t, "navigation timing of the " + name + " page");
        System.out.printf("[web] page %-8s html %6d B + %d resources %6d B, server time %.0f ms%n", name,
                ((Number) t.get("html")).longValue(), ((Number) t.get("count")).longValue(),
                ((Number) t.get("resources")).longValue(), ((Number) t.get("server")).doubleValue());

        String dir = System.getProperty("wharf.screenshots");
        if (dir != null && !dir.isBlank()) {
            screenshot(b, Path.of(dir).resolve(name + ".png"));
        }
        phoneWidth(b, name, dir);
    }

    /** At a phone's width nothing makes the page scroll sideways (wide tables scroll inside their own region). */
    private static void phoneWidth(WebDriver b, String name, String dir) {
        var size = b.manage().window().getSize();
        try {
            b.manage().window().setSize(new org.openqa.selenium.Dimension(PHONE_WIDTH, 844));
            Number overflow = (Number) ((JavascriptExecutor) b).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertTrue(overflow.longValue() <= 0, "the " + name + " page scrolls sideways on a phone by "
                    + overflow + " px");
            if (dir != null && !dir.isBlank()) {
                screenshot(b, Path.of(dir).resolve(name + "-phone.png"));
            }
        } finally {
            b.manage().window().setSize(size);
        }
    }

    private static void screenshot(WebDriver b, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) b).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String axeSource() {
        try (InputStream in = PageChecks.class.getResourceAsStream(AXE)) {
            assertNotNull(in, "axe-core on the test class path: " + AXE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
