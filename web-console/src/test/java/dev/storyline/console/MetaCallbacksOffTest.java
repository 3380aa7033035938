package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without META_APP_SECRET the console starts and the callbacks say in plain words that they are off. */
@ConsolePageTest
class MetaCallbacksOffTest {

    @Autowired
    FakeSchedulerApi scheduler;

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
        assertThat(scheduler.calls()).isEmpty();
    }
}
