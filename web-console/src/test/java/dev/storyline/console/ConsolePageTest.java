package dev.storyline.console;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * The console on a random port with its own database and its own {@link FakeSchedulerApi} (a bean of the
 * test's context, so {@code @Autowired}; it stops with the context after the class). Before each test the fake
 * is reset, the {@link ConsoleTestSetup#MEMBER} added if asked, and every {@link SignedIn} field given a
 * session signed in as the installation admin.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextCustomizerFactories(ConsoleTestSetup.Factory.class)
@ExtendWith(ConsolePageExtension.class)
public @interface ConsolePageTest {

    /** Adds {@link ConsoleTestSetup#MEMBER}, a member granted on "default", before each test. */
    boolean member() default false;

    /** Points the Operations page's probes at a {@link FakeReadiness} bean, mended before each test. */
    boolean readiness() default false;

    /** DEFINED_PORT where the console's public URL must be known before it starts (Connect Instagram). */
    @AliasFor(annotation = SpringBootTest.class, attribute = "webEnvironment")
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.RANDOM_PORT;
}
