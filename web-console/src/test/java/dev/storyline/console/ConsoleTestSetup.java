package dev.storyline.console;

import dev.storyline.testkit.IsolatedInfrastructure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * What every console test context gets ({@link ConsolePageTest}): its own database, its own wire fake of the
 * scheduler, the first admin.
 */
final class ConsoleTestSetup {

    static final String ADMIN = "admin@example.com";
    static final String ADMIN_PASSWORD = "admin-password-for-the-tests";
    /** The member {@code @ConsolePageTest(member = true)} adds before each test, granted on "default". */
    static final String MEMBER = "member@example.com";

    static final String MEMBER_PASSWORD = "member-password-for-the-tests";

    private ConsoleTestSetup() {}

    /** Named in {@link ConsolePageTest}; Spring asks it once per test class. */
    static final class Factory implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(
                Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            ConsolePageTest settings = AnnotatedElementUtils.findMergedAnnotation(testClass, ConsolePageTest.class);
            return new Customizer(testClass, settings != null && settings.readiness());
        }
    }

    /**
     * One per test class: its equality keeps each class's context, and so its database and fakes, its own. The
     * fakes are beans of that context and stop with it; ReleaseAfterTestClass closes the context after the class.
     */
    private record Customizer(Class<?> testClass, boolean readiness) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            FakeSchedulerApi scheduler = bean(context, "fakeSchedulerApi", new FakeSchedulerApi());
            if (context instanceof BeanDefinitionRegistry beans) {
                beans.registerBeanDefinition("testUsers", new RootBeanDefinition(TestUsers.class));
            }
            // the console has no broker: a database of its own is all it needs
            Map<String, Object> properties = new LinkedHashMap<>(
                    IsolatedInfrastructure.databaseForClass(testClass).springProperties());
            properties.put("storyline.console.admin.email", ADMIN);
            properties.put("storyline.console.admin.password", ADMIN_PASSWORD);
            properties.put("storyline.console.scheduler.url", scheduler.url());
            properties.put("storyline.admin.token", FakeSchedulerApi.TOKEN);
            // a scheduler that hangs must not hold a test long either
            properties.put("storyline.console.scheduler.request-timeout", "3s");
            if (readiness) {
                bean(context, "fakeReadiness", new FakeReadiness())
                        .register((name, value) -> properties.put(name, value.get()));
            }
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("console test " + testClass.getSimpleName(), properties));
        }

        private static <T extends AutoCloseable> T bean(ConfigurableApplicationContext context, String name, T fake) {
            context.getBeanFactory().registerSingleton(name, fake);
            if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry beans) {
                beans.registerDisposableBean(name, fake::close);
            }
            return fake;
        }
    }
}
