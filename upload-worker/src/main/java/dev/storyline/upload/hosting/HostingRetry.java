package dev.storyline.upload.hosting;

import dev.storyline.upload.UploadProperties;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Calls to a provider, retried with exponential backoff while they fail transiently
 * (UPLOAD_RETRY_MAX_ATTEMPTS, UPLOAD_RETRY_INITIAL_BACKOFF); a permanent failure, or the last
 * transient one, is thrown to the caller.
 */
@Component
public class HostingRetry {

    private static final Logger log = LoggerFactory.getLogger(HostingRetry.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final Retry retry;

    public HostingRetry(UploadProperties properties) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(properties.retryMaxAttempts())
                .intervalFunction(
                        IntervalFunction.ofExponentialBackoff(properties.retryInitialBackoff(), 2.0, MAX_BACKOFF))
                .retryOnException(e -> e instanceof HostingException h && h.isTransient())
                .failAfterMaxAttempts(false)
                .build();
        this.retry = Retry.of("hosting", config);
        retry.getEventPublisher()
                .onRetry(event -> log.warn(
                        "hosting call failed transiently (attempt {} of {}), " + "retrying in {}: {}",
                        event.getNumberOfRetryAttempts(),
                        properties.retryMaxAttempts(),
                        event.getWaitInterval(),
                        String.valueOf(event.getLastThrowable())));
    }

    public <T> T call(Supplier<T> call) {
        return Retry.decorateSupplier(retry, call).get();
    }

    public void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    public int maxAttempts() {
        return retry.getRetryConfig().getMaxAttempts();
    }
}
