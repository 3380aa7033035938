package dev.storyline.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Adds the isolated servers' properties for test classes carrying {@link IsolatedServers} (directly or
 * through a module's test annotation). Registered in META-INF/spring.factories of the test kit.
 */
public class IsolatedServersCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(IsolatedServers.class)) {
            return null;
        }
        return new Customizer(testClass);
    }

    /** One per test class: its equality keeps each class's context (and servers) its own. */
    private record Customizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(
                org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            Map<String, Object> properties = new LinkedHashMap<>(
                    IsolatedInfrastructure.forClass(testClass).springProperties());
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("isolated servers of " + testClass.getSimpleName(), properties));
        }
    }
}
