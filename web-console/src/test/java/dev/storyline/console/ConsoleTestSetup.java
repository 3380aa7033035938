package dev.storyline.console;

import dev.storyline.testkit.IsolatedInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What every console test context gets: its own database, the wire fake of the scheduler, the first admin. */
final class ConsoleTestSetup {

    static final String ADMIN = "admin@example.com";
    static final String ADMIN_PASSWORD = "admin-password-for-the-tests";

    private ConsoleTestSetup() {}

    static void register(DynamicPropertyRegistry registry, Class<?> testClass, FakeSchedulerApi scheduler) {
        // the console has no broker: a database of its own is all it needs
        IsolatedInfrastructure.databaseForClass(testClass).register(registry);
        registry.add("storyline.console.admin.email", () -> ADMIN);
        registry.add("storyline.console.admin.password", () -> ADMIN_PASSWORD);
        registry.add("storyline.console.scheduler.url", scheduler::url);
        registry.add("storyline.admin.token", () -> FakeSchedulerApi.TOKEN);
        // a scheduler that hangs must not hold a test long either
        registry.add("storyline.console.scheduler.request-timeout", () -> "3s");
    }
}
