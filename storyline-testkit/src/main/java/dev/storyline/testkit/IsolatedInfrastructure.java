package dev.storyline.testkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-test-class isolation for Spring tests:
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     IsolatedInfrastructure.forClass(MyTest.class).register(registry);
 * }
 * }</pre>
 */
public final class IsolatedInfrastructure {

    private static final Map<Class<?>, Isolated> BY_CLASS = new ConcurrentHashMap<>();

    private IsolatedInfrastructure() {}

    public static Isolated forClass(Class<?> testClass) {
        return BY_CLASS.computeIfAbsent(testClass, c -> TestInfrastructure.get().isolate(c.getSimpleName()));
    }

    /** Its own database only, no vhost: for a service without a broker (web-console). Released like the others. */
    public static Isolated databaseForClass(Class<?> testClass) {
        return BY_CLASS.computeIfAbsent(testClass, c -> TestInfrastructure.get().isolateDatabase(c.getSimpleName()));
    }

    /** Drops the class's database and vhost, if it had any; see {@link ReleaseAfterTestClass}. */
    static void release(Class<?> testClass) {
        Isolated isolated = BY_CLASS.remove(testClass);
        if (isolated != null) {
            TestInfrastructure.get().release(isolated);
        }
    }

    static boolean holds(Class<?> testClass) {
        return BY_CLASS.containsKey(testClass);
    }
}
