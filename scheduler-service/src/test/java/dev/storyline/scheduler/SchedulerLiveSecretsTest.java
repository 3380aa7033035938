package dev.storyline.scheduler;

import dev.storyline.testkit.perimeter.LiveSecretsContract;
import java.util.List;

/** scheduler-service refuses to start live with a published demo secret or a weak one, naming the variable. */
class SchedulerLiveSecretsTest extends LiveSecretsContract {

    @Override
    protected Class<?> application() {
        return SchedulerApplication.class;
    }

    @Override
    protected List<String> secrets() {
        return List.of("STORYLINE_ADMIN_TOKEN");
    }
}
