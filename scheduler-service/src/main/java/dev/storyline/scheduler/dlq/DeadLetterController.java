package dev.storyline.scheduler.dlq;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** DLQ tooling in the admin API; {@code storyline dlq ...} calls it. */
@RestController
@RequestMapping("/api/dlq")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/depths")
    List<DeadLetters.QueueDepth> depths() {
        return deadLetters.depths();
    }

    @GetMapping
    List<DeadLetters.Entry> list(@RequestParam(required = false) String queue) {
        return deadLetters.list(queue, false);
    }

    @GetMapping("/{queue}/{messageId}")
    DeadLetters.Entry show(@PathVariable String queue, @PathVariable String messageId) {
        return deadLetters.list(queue, true).stream().filter(e -> messageId.equals(e.messageId())).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no message " + messageId + " in " + queue + ".dlq"));
    }

    @PostMapping("/{queue}/replay")
    DeadLetters.ReplayReport replay(@PathVariable String queue, @RequestParam(required = false) String messageId) {
        return deadLetters.replay(queue, messageId);
    }

    @DeleteMapping("/{queue}")
    Map<String, Integer> purge(@PathVariable String queue, @RequestParam(defaultValue = "false") boolean confirm) {
        if (!confirm) {
            throw new IllegalArgumentException("purging " + queue + ".dlq deletes its messages for good; repeat with confirm=true");
        }
        return Map.of("purged", deadLetters.purge(queue));
    }
}
