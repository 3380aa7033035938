package dev.storyline.instagram;

import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.perimeter.PerimeterBypassContract;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** instagram-worker's account-health API against the shared bypass table. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        PerimeterBypassContract.ADMIN_PROPERTY,
        PerimeterBypassContract.INTERNAL_PROPERTY})
class InstagramPerimeterTest extends PerimeterBypassContract {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.forClass(InstagramPerimeterTest.class).register(registry);
    }

    @Override
    protected String adminPath() {
        return "/api/health/accounts";
    }

    @Override
    protected boolean adminPathExists() {
        return true;
    }
}
