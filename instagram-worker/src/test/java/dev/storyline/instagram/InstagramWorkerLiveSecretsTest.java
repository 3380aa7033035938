package dev.storyline.instagram;

import dev.storyline.testkit.perimeter.LiveSecretsContract;
import java.util.List;

/** instagram-worker refuses to start live with a published demo secret or a weak one, naming the variable. */
class InstagramWorkerLiveSecretsTest extends LiveSecretsContract {

    @Override
    protected Class<?> application() {
        return InstagramWorkerApplication.class;
    }

    @Override
    protected List<String> secrets() {
        return List.of("STORYLINE_ADMIN_TOKEN", "STORYLINE_INTERNAL_TOKEN");
    }
}
