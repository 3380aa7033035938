package dev.storyline.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless through chromium-driver, for the console's browser tests, and the screenshots
 * they take for the README. A machine without the two skips those tests; .ci/run installs both, so CI runs them.
 */
final class Chromium {

    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {}

    /** Skips the calling test where chromium or chromium-driver is missing. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(
                Files.isExecutable(DRIVER) && Files.isExecutable(BINARY),
                "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver); "
                        + ".ci/run installs them, so CI runs this test");
    }

    /** A fresh headless browser with a window of the given size; the caller quits it. */
    static WebDriver start(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=" + width + "," + height,
                "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Fills in the sign-in page as the installation admin and sends it; the caller waits for the page it expects. */
    static void signInAsAdmin(WebDriver browser) {
        browser.findElement(By.id("email")).sendKeys(ConsoleTestSetup.ADMIN);
        browser.findElement(By.id("password")).sendKeys(ConsoleTestSetup.ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit].primary")).click();
    }

    /** Into docs/console/ of the repository, which the README shows; skipped outside a checkout. */
    static void screenshot(WebDriver browser, String name) throws IOException {
        Path docs = Path.of("").toAbsolutePath().resolveSibling("docs");
        if (!Files.isDirectory(docs)) {
            return;
        }
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(docs.resolve("console"));
        Files.copy(shot.toPath(), docs.resolve("console").resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
