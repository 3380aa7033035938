package dev.storyline.testkit;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * After a Spring test class that used {@link IsolatedInfrastructure}, closes its application context
 * (its consumers stop) and only then drops its database and vhost. Registered for every test through
 * META-INF/spring.factories in the test kit. Without this, a run kept every class's context
 * consuming and every vhost's quorum queues alive until the JVM ended.
 */
public class ReleaseAfterTestClass implements TestExecutionListener, Ordered {

    @Override
    public void afterTestClass(TestContext testContext) {
        Class<?> testClass = testContext.getTestClass();
        if (!IsolatedInfrastructure.holds(testClass)) {
            return;
        }
        try {
            if (testContext.hasApplicationContext()) {
                testContext.markApplicationContextDirty(null);
            }
        } finally {
            IsolatedInfrastructure.release(testClass);
        }
    }

    /** Last of the after-class listeners, so nothing runs against the context after it closed. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
