package dev.storyline.upload;

import dev.storyline.testkit.perimeter.LiveSecretsContract;
import java.util.List;

/** upload-worker refuses to start live with a published demo secret or a weak one, naming the variable. */
class UploadWorkerLiveSecretsTest extends LiveSecretsContract {

    @Override
    protected Class<?> application() {
        return UploadWorkerApplication.class;
    }

    @Override
    protected List<String> secrets() {
        return List.of("STORYLINE_ADMIN_TOKEN", "LOCAL_STORAGE_SIGNING_KEY");
    }
}
