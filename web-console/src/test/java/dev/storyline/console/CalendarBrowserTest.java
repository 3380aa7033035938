package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The calendar's month view in a real browser (headless chromium) against the wire fake: a 7-column grid on a
 * wide screen, a list of days on a phone, a day opened from the keyboard lands on its week with the preview of
 * the next pick. Saves docs/console/calendar-month.png. Skipped only where chromium-driver is not installed.
 */
@ConsolePageTest
class CalendarBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void the_month_is_a_grid_on_a_wide_screen_a_list_on_a_phone_and_a_day_opens_its_week_from_the_keyboard()
            throws IOException {
        Chromium.assumeInstalled();
        WebDriver browser = Chromium.start(1280, 1100);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
            String base = "http://127.0.0.1:" + port;
            String month = base + "/calendar?view=month&account=default&month=2026-12";
            browser.get(month);
            wait.until(ExpectedConditions.urlContains("/login"));
            Chromium.signInAsAdmin(browser);
            wait.until(ExpectedConditions.urlContains("/calendar"));
            browser.get(month);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.month")));

            assertThat(browser.findElement(By.id("month-title")).getText()).isEqualTo("December 2026");
            assertThat(columns(browser)).isEqualTo(7);
            assertThat(browser.findElements(By.cssSelector("ol.month .day-link")))
                    .hasSize(31);
            assertThat(browser.findElement(By.cssSelector("[data-date='2026-12-02']"))
                            .getText())
                    .contains("published")
                    .contains("posted by hand");
            Chromium.screenshot(browser, "calendar-month");

            // a phone: one column, the padding days of November and January gone
            browser.manage().window().setSize(new Dimension(390, 900));
            wait.until(d -> columns(d) == 1);
            assertThat(browser.findElement(By.cssSelector("[data-date='2026-11-30']"))
                            .isDisplayed())
                    .isFalse();
            assertThat(browser.findElement(By.cssSelector("[data-date='2026-12-01'] .day-name"))
                            .isDisplayed())
                    .isTrue();

            // from the keyboard: focus the day and press Enter
            WebElement day = browser.findElement(By.cssSelector("[data-date='2026-12-01'] .day-link"));
            day.sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("week-title")));
            assertThat(browser.findElement(By.id("week-title")).getText()).isEqualTo("30 Nov 2026 – 6 Dec 2026");
            assertThat(browser.findElement(By.cssSelector(".slot.status-planned .preview"))
                            .getText())
                    .contains("PREVIEW")
                    .contains("likely next-up.jpg");
        } finally {
            browser.quit();
        }
    }

    private static long columns(WebDriver browser) {
        return (Long) ((JavascriptExecutor) browser)
                .executeScript("return getComputedStyle(document.querySelector('ol.month'))"
                        + ".gridTemplateColumns.split(' ').length;");
    }
}
