package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without META_APP_SECRET the console starts and the callbacks say in plain words that they are off. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetaCallbacksOffTest {

    private static final FakeSchedulerApi SCHEDULER = new FakeSchedulerApi();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ConsoleTestSetup.register(registry, MetaCallbacksOffTest.class, SCHEDULER);
    }

    @AfterAll
    static void stopFake() {
        SCHEDULER.close();
    }

    @LocalServerPort
    int port;

    @Test
    void without_the_app_secret_both_callbacks_answer_503_naming_the_variable_and_change_nothing() {
        for (String path : new String[] {"/meta/deauthorize", "/meta/data-deletion"}) {
            WebSession.Page page = new WebSession(port)
                    .postRaw(path, Map.of("signed_request", MetaCallbackTest.signed("1", 1)), false);
            assertThat(page.status()).as(path).isEqualTo(503);
            assertThat(page.header("Content-Type")).startsWith("text/plain");
            assertThat(page.body()).isEqualTo("Meta callbacks are off: the console has no META_APP_SECRET.");
        }
        assertThat(SCHEDULER.calls()).isEmpty();
    }
}
