package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Library page in a real browser (headless chromium) against the wire fake: the grid's thumbnails load
 * through the console, and uploading a valid and an invalid file lists both results. Saves
 * docs/console/library.png. Skipped only where chromium-driver is not installed.
 */
@ConsolePageTest
class LibraryBrowserTest {

    @Autowired
    FakeSchedulerApi scheduler;

    @LocalServerPort
    int port;

    @Test
    void an_admin_sees_the_thumbnails_and_uploads_a_valid_and_an_invalid_file() throws IOException {
        Chromium.assumeInstalled();
        Path folder = Files.createTempDirectory("library-upload");
        Path valid = folder.resolve("sunset.jpg");
        BufferedImage image = new BufferedImage(90, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 90, 160);
        g.dispose();
        ImageIO.write(image, "jpg", valid.toFile());
        Path invalid = Files.writeString(folder.resolve("notes.txt"), "this is not a picture");

        WebDriver browser = Chromium.start(1280, 1100);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
            String base = "http://127.0.0.1:" + port;
            browser.get(base + "/library");
            wait.until(ExpectedConditions.urlContains("/login"));
            Chromium.signInAsAdmin(browser);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".media-grid")));
            assertThat(browser.getCurrentUrl()).endsWith("/accounts/default/library");

            List<WebElement> thumbnails = browser.findElements(By.cssSelector(".media-card img"));
            assertThat(thumbnails).hasSize(3);
            wait.until(d -> thumbnails.stream().allMatch(img -> (Boolean) ((JavascriptExecutor) d)
                    .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", img)));
            assertThat(thumbnails.getFirst().getAttribute("src")).startsWith(base + "/accounts/default/library/");

            browser.findElement(By.id("upload-category")).sendKeys("memes");
            browser.findElement(By.id("upload-files")).sendKeys(valid + "\n" + invalid);
            browser.findElement(By.cssSelector("#upload-form button[type=submit]"))
                    .click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".upload-results li.refused")));
            String results = browser.findElement(By.id("upload-results")).getText();
            assertThat(results)
                    .contains("sunset.jpg")
                    .contains("Added as memes/sunset.jpg.")
                    .contains("notes.txt")
                    .contains("unsupported type text/plain");
            assertThat(scheduler.calls("POST", "/media")).hasSize(2);
            // the grid reloads itself after an accepted upload
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".media-card img"), 4));
            assertThat(browser.findElement(By.id("grid")).getText()).contains("sunset.jpg");
            wait.until(d -> d.findElements(By.cssSelector(".media-card img")).stream()
                    .allMatch(img -> (Boolean) ((JavascriptExecutor) d)
                            .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", img)));
            Chromium.screenshot(browser, "library");
        } finally {
            browser.quit();
        }
    }
}
