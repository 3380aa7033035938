package dev.storyline.token;

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
 * The token worker's Spring test settings in one place: the whole application on its own database and
 * vhost, serving its API on a free port, with the refresh loops off so each test drives refreshes
 * itself. The key ring and the Graph fake's URLs come from {@link GraphFake#register}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@IsolatedServers
@TestPropertySource(properties = "storyline.token.loops-enabled=false")
public @interface TokenTest {

    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};

    @AliasFor(annotation = SpringBootTest.class, attribute = "webEnvironment")
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.RANDOM_PORT;
}
