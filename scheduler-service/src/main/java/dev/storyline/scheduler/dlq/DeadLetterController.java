package dev.storyline.scheduler.dlq;

import dev.storyline.contracts.messaging.Topology;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * DLQ tooling in the admin API; {@code storyline dlq ...} calls it. A queue is named by its work queue
 * ({@code upload.requests}) or by its dead-letter queue as listed ({@code upload.requests.dlq}).
 */
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
        return deadLetters.list(queue == null ? null : workQueue(queue), false);
    }

    @GetMapping("/{queue}/{messageId}")
    DeadLetters.Entry show(@PathVariable String queue, @PathVariable String messageId) {
        String work = workQueue(queue);
        return deadLetters.list(work, true).stream()
                .filter(e -> messageId.equals(e.messageId()))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no message " + messageId + " in " + work + ".dlq"));
    }

    @PostMapping("/{queue}/replay")
    DeadLetters.ReplayReport replay(@PathVariable String queue, @RequestParam(required = false) String messageId) {
        return deadLetters.replay(workQueue(queue), messageId);
    }

    @DeleteMapping("/{queue}")
    Map<String, Integer> purge(@PathVariable String queue, @RequestParam(defaultValue = "false") boolean confirm) {
        if (!confirm) {
            throw new IllegalArgumentException(
                    "purging " + workQueue(queue) + ".dlq deletes its messages for good; repeat with confirm=true");
        }
        return Map.of("purged", deadLetters.purge(workQueue(queue)));
    }

    private static String workQueue(String name) {
        String work = name.endsWith(".dlq") ? name.substring(0, name.length() - ".dlq".length()) : name;
        if (Topology.WORK_QUEUES.stream().noneMatch(q -> q.name().equals(work))) {
            throw new NoSuchElementException("unknown queue '" + name + "'; the queues are "
                    + Topology.WORK_QUEUES.stream()
                            .map(Topology.WorkQueue::name)
                            .collect(Collectors.joining(", "))
                    + " (each with a .dlq)");
        }
        return work;
    }
}
