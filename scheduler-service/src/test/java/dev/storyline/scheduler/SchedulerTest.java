package dev.storyline.scheduler;

import dev.storyline.testkit.IsolatedServers;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;

/**
 * The scheduler's Spring test settings in one place: the whole application on its own database and
 * vhost, with the background loops off so each test drives indexing and dispatch itself.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@IsolatedServers
@TestPropertySource(properties = "storyline.scheduler.loops-enabled=false")
public @interface SchedulerTest {

    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};

    @AliasFor(annotation = SpringBootTest.class, attribute = "webEnvironment")
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;

    /** The environment's account with the Graph API route on, in dry-run: the settings most tests post with. */
    String API_ON = "storyline.account.api-enabled=true";

    String INSTAGRAM_USER = "storyline.account.instagram-user-id=17841400000";
    String DRY_RUN = "storyline.account.dry-run=true";
}
