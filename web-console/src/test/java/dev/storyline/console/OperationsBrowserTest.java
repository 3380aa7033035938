package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Operations and Mix-and-schedule pages in a real browser (Debian's chromium, headless) against the wire
 * fakes: what a person sees after each action, and what the scheduler received. Takes the screenshots the
 * README shows (docs/console/operations.png, schedule.png). Skipped only where chromium-driver is missing.
 */
@ConsolePageTest(readiness = true)
class OperationsBrowserTest {

    @Autowired
    FakeSchedulerApi scheduler;

    @LocalServerPort
    int port;

    private WebDriver browser;
    private WebDriverWait wait;
    private String base;

    @BeforeEach
    void signIn() {
        Chromium.assumeInstalled();
        browser = Chromium.start(1280, 1000);
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        base = "http://127.0.0.1:" + port;
        browser.get(base + "/login");
        Chromium.signInAsAdmin(browser);
        wait.until(ExpectedConditions.urlContains("/calendar"));
    }

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void an_admin_replays_a_dead_letter_queue_after_confirming_and_reads_the_report_then_purges_another()
            throws IOException {
        browser.findElement(By.linkText("Operations")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dlq-depths")));
        assertThat(browser.findElement(By.id("service-upload-worker")).getText())
                .contains("down");
        assertThat(browser.findElement(By.id("service-scheduler-service")).getText())
                .contains("up");
        Chromium.screenshot(browser, "operations");

        browser.findElement(By.linkText("Open upload.requests.dlq")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dead-letters")));
        assertThat(browser.findElement(By.id("dead-letters")).getText())
                .contains("PERMANENT_FAILURE")
                .doesNotContain(FakeOpsRoutes.SECRET);
        browser.findElement(By.linkText("Replay all…")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-button")));
        assertThat(browser.findElement(By.id("confirm-text")).getText()).contains("3 messages");
        assertThat(scheduler.calls("POST", "/replay"))
                .as("nothing before the confirmation")
                .isEmpty();
        browser.findElement(By.id("confirm-button")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("replay-report")));
        assertThat(browser.findElement(By.id("report-replayed")).getText()).isEqualTo("3");
        assertThat(browser.findElement(By.id("report-still-failing")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("report-left")).getText()).isEqualTo("0");
        assertThat(scheduler.calls("POST", "/replay"))
                .singleElement()
                .satisfies(c -> assertThat(c.path()).isEqualTo("/api/dlq/upload.requests.dlq/replay"));

        browser.get(base + "/operations/dlq/telegram.requests.dlq");
        browser.findElement(By.linkText("Purge…")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-button")));
        assertThat(browser.findElement(By.id("confirm-text")).getText()).contains("deleted for good");
        browser.findElement(By.linkText("Cancel")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dead-letters")));
        assertThat(scheduler.calls("DELETE", "/api/dlq"))
                .as("cancel sends nothing")
                .isEmpty();
        browser.findElement(By.linkText("Purge…")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-button")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "This queue is empty."));
        assertThat(browser.findElement(By.cssSelector(".banner-notice")).getText())
                .isEqualTo("Purged telegram.requests.dlq: 1 message deleted for good.");
        assertThat(scheduler.calls("DELETE", "/api/dlq"))
                .singleElement()
                .satisfies(c -> assertThat(c.query()).isEqualTo("confirm=true"));
    }

    @Test
    void an_admin_sees_mix_mistakes_next_to_their_fields_saves_a_valid_mix_and_pauses_then_resumes()
            throws IOException {
        browser.get(base + "/accounts");
        browser.findElement(By.linkText("Mix and schedule of Demo brand")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mix-form")));

        type("mix-memes", "70");
        type("mix-merch", "150");
        browser.findElement(By.id("save-mix")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mix-merch-error")));
        assertThat(browser.findElement(By.id("mix-merch-error")).getText())
                .isEqualTo("Enter a whole number from 0 to 100 (0 leaves the category out).");
        type("mix-merch", "20");
        browser.findElement(By.id("save-mix")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mix-error")));
        assertThat(browser.findElement(By.id("mix-error")).getText())
                .isEqualTo("The percentages add up to 90; they must add up to exactly 100.");
        type("mix-pets", "10");
        browser.findElement(By.id("save-mix")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mix-pets-error")));
        assertThat(browser.findElement(By.id("mix-pets-error")).getText())
                .contains("The scheduler did not accept this; allowed: a category of the library: memes, merch.");
        Chromium.screenshot(browser, "schedule-mix-refused");
        assertThat(scheduler.calls("PUT", "/category-mix")).hasSize(1);

        type("mix-merch", "30");
        type("mix-pets", "0");
        browser.findElement(By.id("save-mix")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".banner-notice")));
        assertThat(browser.findElement(By.cssSelector(".banner-notice")).getText())
                .isEqualTo("Mix saved: memes 70 %, merch 30 %.");
        assertThat(browser.findElement(By.id("mix-history")).getText()).contains("memes 70 %, merch 30 %");
        assertThat(scheduler.calls("PUT", "/category-mix").getLast().body())
                .isEqualTo("{\"ratios\":{\"memes\":70,\"merch\":30},\"changedBy\":\"admin@example.com\"}");

        browser.findElement(By.id("pause")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("account-state"), "paused"));
        assertThat(browser.findElement(By.cssSelector(".banner-notice")).getText())
                .isEqualTo("Paused: nothing is posted until the account is resumed.");
        new Select(browser.findElement(By.id("overdue"))).selectByValue("force");
        browser.findElement(By.id("resume")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("account-state"), "running"));
        assertThat(browser.findElement(By.cssSelector(".banner-notice")).getText())
                .isEqualTo("Resumed: 2 overdue posts posted now.");
        assertThat(scheduler.calls("POST", "/pause")).hasSize(1);
        assertThat(scheduler.calls("POST", "/resume"))
                .singleElement()
                .satisfies(c -> assertThat(c.query()).isEqualTo("overdue=force"));
        Chromium.screenshot(browser, "schedule");
    }

    private void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }
}
