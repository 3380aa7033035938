package dev.storyline.token;

import dev.storyline.testkit.perimeter.LiveSecretsContract;
import java.util.List;

/** token-worker refuses to start live with a published demo secret or a weak one, naming the variable. */
class TokenWorkerLiveSecretsTest extends LiveSecretsContract {

    @Override
    protected Class<?> application() {
        return TokenWorkerApplication.class;
    }

    @Override
    protected List<String> secrets() {
        return List.of("STORYLINE_ADMIN_TOKEN", "STORYLINE_INTERNAL_TOKEN", "TOKEN_ENCRYPTION_KEYS");
    }
}
