package dev.storyline.telegram;

import dev.storyline.testkit.perimeter.LiveSecretsContract;
import java.util.List;

/** telegram-worker refuses to start live with a published demo secret or a weak one, naming the variable. */
class TelegramWorkerLiveSecretsTest extends LiveSecretsContract {

    @Override
    protected Class<?> application() {
        return TelegramWorkerApplication.class;
    }

    @Override
    protected List<String> secrets() {
        return List.of("STORYLINE_ADMIN_TOKEN");
    }
}
