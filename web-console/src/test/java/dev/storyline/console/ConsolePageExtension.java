package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.console.signin.Role;
import java.lang.reflect.Field;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** What {@link ConsolePageTest} does before each test, before the class's own {@code @BeforeEach} methods. */
final class ConsolePageExtension implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        ApplicationContext spring = SpringExtension.getApplicationContext(context);
        spring.getBean(FakeSchedulerApi.class).reset();
        Class<?> testClass = context.getRequiredTestClass();
        ConsolePageTest settings = AnnotationSupport.findAnnotation(testClass, ConsolePageTest.class)
                .orElseThrow();
        if (settings.readiness()) {
            spring.getBean(FakeReadiness.class).broken(false);
        }
        if (settings.member()) {
            spring.getBean(TestUsers.class)
                    .add(ConsoleTestSetup.MEMBER, ConsoleTestSetup.MEMBER_PASSWORD, "default", Role.MEMBER);
        }
        int port = spring.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        for (Field field : AnnotationSupport.findAnnotatedFields(testClass, SignedIn.class)) {
            WebSession admin = new WebSession(port);
            assertThat(admin.signIn(ConsoleTestSetup.ADMIN, ConsoleTestSetup.ADMIN_PASSWORD)
                            .location())
                    .as("the installation admin signs in")
                    .endsWith("/calendar");
            field.setAccessible(true);
            field.set(context.getRequiredTestInstance(), admin);
        }
    }
}
