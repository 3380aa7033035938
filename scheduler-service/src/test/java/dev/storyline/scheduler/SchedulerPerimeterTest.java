package dev.storyline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.testkit.perimeter.PerimeterBypassContract;
import dev.storyline.testkit.perimeter.RawHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The scheduler's admin API and OpenAPI description against the shared bypass table. */
@SchedulerTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {PerimeterBypassContract.ADMIN_PROPERTY, PerimeterBypassContract.INTERNAL_PROPERTY})
class SchedulerPerimeterTest extends PerimeterBypassContract {

    @DynamicPropertySource
    static void mediaRoot(DynamicPropertyRegistry registry) {
        registry.add("storyline.scheduler.media-root", MediaLibrary.newRoot()::toString);
    }

    @Override
    protected boolean adminPathExists() {
        return true;
    }

    @Test
    void the_openapi_description_needs_the_admin_token() {
        assertThat(RawHttp.send(port, "GET", "/v3/api-docs", Map.of()).status()).isEqualTo(401);
        assertThat(RawHttp.send(port, "GET", "/v3/api-docs", Map.of("Authorization", "Bearer " + INTERNAL_TOKEN))
                        .status())
                .isEqualTo(403);
        assertThat(RawHttp.send(port, "GET", "/v3/api-docs", Map.of("Authorization", "Bearer " + ADMIN_TOKEN))
                        .status())
                .isEqualTo(200);
    }
}
