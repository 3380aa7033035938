package dev.storyline.telegram.callbacks;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** One counter for every tap outcome, whichever class decides it. */
@Component
class TapMetrics {

    private final MeterRegistry meters;

    TapMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void count(String outcome) {
        meters.counter("storyline_telegram_callbacks_total", "outcome", outcome).increment();
    }
}
