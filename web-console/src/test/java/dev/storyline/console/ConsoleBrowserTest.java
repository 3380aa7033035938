package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console in a real browser (Debian's chromium, headless, through chromium-driver) against the wire fake:
 * sign in, read the calendar, resolve a manual post. Takes the screenshots the README shows
 * (docs/console/*.png). Skipped only where chromium-driver is not installed; .ci/run installs it.
 */
@ConsolePageTest
class ConsoleBrowserTest {

    @Autowired
    FakeSchedulerApi scheduler;

    @LocalServerPort
    int port;

    @Test
    void a_person_signs_in_reads_the_calendar_and_resolves_a_manual_post() throws IOException {
        Chromium.assumeInstalled();
        WebDriver browser = Chromium.start(1280, 900);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
            String base = "http://127.0.0.1:" + port;

            browser.get(base + "/calendar?account=default&week=2026-06-01");
            wait.until(ExpectedConditions.urlContains("/login"));
            Chromium.screenshot(browser, "sign-in");
            Chromium.signInAsAdmin(browser);

            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".week")));
            // the sign-in page sends a person back where they were going
            assertThat(browser.getCurrentUrl()).contains("week=2026-06-01");
            assertThat(browser.findElement(By.cssSelector(".slot.status-planned"))
                            .getText())
                    .contains("10:30")
                    .contains("planned");
            assertThat(browser.findElement(By.cssSelector(".slot.status-published"))
                            .getText())
                    .contains("09:00")
                    .contains("published")
                    .contains("cat-in-a-box.jpg");
            Chromium.screenshot(browser, "calendar");

            browser.get(base + "/accounts");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".cards")));
            Chromium.screenshot(browser, "accounts");

            browser.get(base + "/manual");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#manual-list .card")));
            browser.manage().window().setSize(new Dimension(390, 844));
            Chromium.screenshot(browser, "manual-posts-phone");
            browser.findElement(By.cssSelector("#manual-list button[value=posted]"))
                    .click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("manual-outcome"), "Done"));
            assertThat(browser.findElement(By.id("manual-outcome")).getText()).contains("by admin@example.com");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("manual-list"), "Nothing is waiting"));
            Chromium.screenshot(browser, "manual-posts-resolved-phone");
            assertThat(scheduler.calls("POST", "/resolve"))
                    .singleElement()
                    .satisfies(c -> assertThat(c.body()).contains("\"by\":\"admin@example.com\""));
        } finally {
            browser.quit();
        }
    }
}
