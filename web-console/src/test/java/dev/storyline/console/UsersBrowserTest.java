package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.console.signin.Role;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Users page in a real browser: an installation admin adds a member of one account with a generated first
 * password, which is shown once. Takes the screenshot the README shows (docs/console/users.png).
 */
@ConsolePageTest
class UsersBrowserTest {

    @Autowired
    FakeSchedulerApi scheduler;

    @LocalServerPort
    int port;

    @Autowired
    TestUsers testUsers;

    @Test
    void an_admin_adds_a_member_of_one_account_with_a_generated_password() throws IOException {
        Chromium.assumeInstalled();
        scheduler.listAccount("brand-b", "Brand B");
        testUsers.add("mia@example.com", "mia-password-for-the-tests", "default", Role.ADMIN);
        WebDriver browser = Chromium.start(1280, 1100);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
            String base = "http://127.0.0.1:" + port;
            browser.get(base + "/users");
            wait.until(ExpectedConditions.urlContains("/login"));
            Chromium.signInAsAdmin(browser);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("add-user")));

            browser.findElement(By.id("email")).sendKeys("Noor@Example.com");
            new Select(browser.findElement(By.id("account.brand-b"))).selectByValue("member");
            browser.findElement(By.id("generate")).click();
            browser.findElement(By.id("add")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("generated-password")));
            assertThat(browser.findElement(By.id("generated-password")).getText())
                    .contains("noor@example.com")
                    .contains("shown only this once");
            assertThat(browser.findElement(By.cssSelector(".users-table")).getText())
                    .contains("noor@example.com")
                    .contains("brand-b (member)")
                    .contains("mia@example.com")
                    .contains("default (admin)");
            Chromium.screenshot(browser, "users");
        } finally {
            browser.quit();
        }
    }
}
