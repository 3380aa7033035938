package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The public data-deletion status page in a real browser, signed out, after Meta's callback: what a person
 * following Meta's link sees. Takes docs/console/meta-deletion-status.png for the README.
 */
@ConsolePageTest
class MetaBrowserTest {

    private static final FakeTokenWorkerApi TOKENS = new FakeTokenWorkerApi();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("storyline.console.meta-callbacks.app-secret", () -> MetaCallbackTest.APP_SECRET);
        registry.add("storyline.console.meta-callbacks.token-worker-url", TOKENS::url);
    }

    @AfterAll
    static void stopFakes() {
        TOKENS.close();
    }

    @LocalServerPort
    int port;

    @Test
    void a_person_following_metas_link_reads_the_state_of_their_deletion_request_without_signing_in() throws Exception {
        Chromium.assumeInstalled();
        WebSession.Page answer = new WebSession(port)
                .postRaw(
                        "/meta/data-deletion",
                        Map.of(
                                "signed_request",
                                MetaCallbackTest.signed(MetaCallbackTest.INSTAGRAM_USER, 1_790_000_000L)),
                        false);
        String code = new ObjectMapper()
                .readTree(answer.body())
                .path("confirmation_code")
                .asText();

        WebDriver browser = Chromium.start(800, 600);
        try {
            browser.manage().window().setSize(new Dimension(900, 700));
            browser.get("http://127.0.0.1:" + port + "/meta/deletion-status?code=" + code);

            assertThat(browser.getCurrentUrl()).contains("/meta/deletion-status");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Data deletion request");
            assertThat(browser.findElement(By.tagName("main")).getText())
                    .contains(code)
                    .contains("Done")
                    .doesNotContain(MetaCallbackTest.INSTAGRAM_USER);
            Chromium.screenshot(browser, "meta-deletion-status");
        } finally {
            browser.quit();
        }
    }
}
