package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The public data-deletion status page in a real browser, signed out, after Meta's callback: what a person
 * following Meta's link sees. Takes docs/console/meta-deletion-status.png for the README.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetaBrowserTest {

    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final FakeSchedulerApi SCHEDULER = new FakeSchedulerApi();
    private static final FakeTokenWorkerApi TOKENS = new FakeTokenWorkerApi();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ConsoleTestSetup.register(registry, MetaBrowserTest.class, SCHEDULER);
        registry.add("storyline.console.meta-callbacks.app-secret", () -> MetaCallbackTest.APP_SECRET);
        registry.add("storyline.console.meta-callbacks.token-worker-url", TOKENS::url);
    }

    @AfterAll
    static void stopFakes() {
        SCHEDULER.close();
        TOKENS.close();
    }

    @LocalServerPort
    int port;

    @Test
    void a_person_following_metas_link_reads_the_state_of_their_deletion_request_without_signing_in() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(DRIVER) && Files.isExecutable(CHROMIUM),
                "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
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

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.manage().window().setSize(new Dimension(900, 700));
            browser.get("http://127.0.0.1:" + port + "/meta/deletion-status?code=" + code);

            assertThat(browser.getCurrentUrl()).contains("/meta/deletion-status");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Data deletion request");
            assertThat(browser.findElement(By.tagName("main")).getText())
                    .contains(code)
                    .contains("Done")
                    .doesNotContain(MetaCallbackTest.INSTAGRAM_USER);
            screenshot(browser, "meta-deletion-status");
        } finally {
            browser.quit();
        }
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path docs = Path.of("").toAbsolutePath().resolveSibling("docs");
        if (!Files.isDirectory(docs)) {
            return;
        }
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(docs.resolve("console"));
        Files.copy(shot.toPath(), docs.resolve("console").resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
