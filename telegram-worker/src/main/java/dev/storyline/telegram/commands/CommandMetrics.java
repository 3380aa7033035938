package dev.storyline.telegram.commands;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** One counter for every command outcome, wherever in the flow it is decided. */
@Component
class CommandMetrics {

    private final MeterRegistry meters;

    CommandMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void count(String command, String outcome) {
        meters.counter("storyline_telegram_commands_total", "command", command, "outcome", outcome)
                .increment();
    }
}
