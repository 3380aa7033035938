package dev.storyline.instagram;

import dev.storyline.testkit.perimeter.PerimeterBypassContract;
import org.springframework.boot.test.context.SpringBootTest;

/** instagram-worker's account-health API against the shared bypass table. */
@InstagramTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {PerimeterBypassContract.ADMIN_PROPERTY, PerimeterBypassContract.INTERNAL_PROPERTY})
class InstagramPerimeterTest extends PerimeterBypassContract {

    @Override
    protected String adminPath() {
        return "/api/health/accounts";
    }

    @Override
    protected boolean adminPathExists() {
        return true;
    }
}
