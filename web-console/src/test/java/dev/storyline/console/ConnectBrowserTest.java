package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.testkit.fakes.FakeMeta;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Connect Instagram in a real browser (Debian's chromium, headless) against the wire fakes of Meta, the scheduler
 * and token-worker: the Instagram Login loop, the Facebook Login loop, then Reconnect after a token failure.
 * Takes docs/console/connect.png. The browser opens the console at its public URL (localhost), as people do.
 */
@ConsolePageTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ConnectBrowserTest {

    private static final int PORT = ConnectTestSetup.freePort();
    private static final FakeMeta META = new FakeMeta();
    private static final FakeTokenWorker TOKENS = new FakeTokenWorker();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ConnectTestSetup.register(registry, PORT, META, TOKENS);
    }

    @AfterAll
    static void stopFakes() {
        META.close();
        TOKENS.close();
    }

    @Autowired
    FakeSchedulerApi scheduler;

    @Test
    void an_admin_connects_with_both_login_types_and_reconnects_after_a_token_failure() throws IOException {
        Chromium.assumeInstalled();
        WebDriver browser = Chromium.start(1280, 1000);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
            String base = ConnectTestSetup.publicUrl(PORT);
            browser.get(base + "/accounts");
            wait.until(ExpectedConditions.urlContains("/login"));
            Chromium.signInAsAdmin(browser);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("connect")));

            // Instagram Login: Connect, Allow at Meta, pick and name the account
            browser.findElement(By.id("connect")).click();
            click(wait, "connect-instagram");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("allow")));
            assertThat(browser.findElement(By.id("dialog-scopes")).getText())
                    .contains("instagram_business_content_publish");
            browser.findElement(By.id("allow")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("connect-finish")));
            // the browser keeps Instagram's "#_" across the redirect; it never reaches the server
            assertThat(browser.getCurrentUrl()).startsWith(base + "/connect/choose");
            assertThat(browser.getPageSource()).doesNotContain(FakeMeta.IG_LONG_TOKEN);
            replace(browser, "accountId", "brand");
            replace(browser, "displayName", "Brand");
            replace(browser, "mediaSubdir", "brand");
            replace(browser, "timezone", "Europe/Berlin");
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1150));
            Chromium.screenshot(browser, "connect");
            browser.findElement(By.id("connect-finish")).click();
            wait.until(
                    ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".banner-notice"), "Connected"));
            assertThat(scheduler.accountRoutes().added("brand"))
                    .containsEntry("instagramUserId", "17841400000000001")
                    .containsEntry("timezone", "Europe/Berlin");
            assertThat(TOKENS.puts()).singleElement().satisfies(put -> {
                assertThat(put.account()).isEqualTo("brand");
                assertThat(put.body().path("accessToken").asText()).isEqualTo(FakeMeta.IG_LONG_TOKEN);
                assertThat(put.body().path("expiresAt").asText()).isNotBlank();
            });

            // Facebook Login for Business: the second Page's Instagram account
            browser.findElement(By.id("connect")).click();
            click(wait, "connect-facebook");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("allow")));
            browser.findElement(By.id("allow")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("connect-finish")));
            browser.findElement(By.cssSelector("input[value='17841400000000012']"))
                    .click();
            replace(browser, "accountId", "acme-tea");
            replace(browser, "mediaSubdir", "acme-tea");
            browser.findElement(By.id("connect-finish")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".banner-notice"), "Facebook Login for Business"));
            assertThat(TOKENS.puts()).hasSize(2).last().satisfies(put -> {
                assertThat(put.account()).isEqualTo("acme-tea");
                assertThat(put.body().path("accessToken").asText()).isEqualTo(FakeMeta.FB_LONG_TOKEN);
                assertThat(put.body().path("loginType").asText()).isEqualTo("facebook_login");
            });

            // Reconnect after token-worker reports the token failing
            TOKENS.tokenFails("default");
            META.instagramUser("17840000000000000", "demo_brand");
            browser.get(base + "/accounts");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reconnect-default")));
            Chromium.screenshot(browser, "connect-reconnect");
            click(wait, "reconnect-default");
            click(wait, "connect-instagram");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("allow")));
            browser.findElement(By.id("allow")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".banner-notice"), "Reconnected"));
            assertThat(TOKENS.puts())
                    .hasSize(3)
                    .last()
                    .satisfies(put -> assertThat(put.account()).isEqualTo("default"));
            assertThat(browser.findElements(By.id("reconnect-default"))).isEmpty();
        } finally {
            browser.quit();
        }
    }

    private static void click(WebDriverWait wait, String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private static void replace(WebDriver browser, String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }
}
