package dev.storyline.token;

import dev.storyline.testkit.perimeter.PerimeterBypassContract;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** token-worker's admin API and its /internal token API against the shared bypass table. */
@TokenTest(
        properties = {
            "storyline.account.access-token=",
            PerimeterBypassContract.ADMIN_PROPERTY,
            PerimeterBypassContract.INTERNAL_PROPERTY
        })
class TokenWorkerPerimeterTest extends PerimeterBypassContract {

    private static final GraphFake GRAPH = GraphFake.start();

    @DynamicPropertySource
    static void keysAndGraph(DynamicPropertyRegistry registry) {
        GRAPH.register(registry);
    }

    @AfterAll
    static void stopFake() {
        GRAPH.close();
    }

    @Override
    protected String adminPath() {
        return "/api/tokens";
    }

    @Override
    protected boolean adminPathExists() {
        return true;
    }
}
