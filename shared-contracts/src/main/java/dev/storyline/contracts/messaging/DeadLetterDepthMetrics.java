package dev.storyline.contracts.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/** {@code storyline_dlq_depth{queue}}: read from the broker at scrape time, NaN when it cannot be read. */
public class DeadLetterDepthMetrics {

    public DeadLetterDepthMetrics(RabbitAdmin admin, MeterRegistry meters) {
        for (Topology.WorkQueue queue : Topology.WORK_QUEUES) {
            Gauge.builder("storyline_dlq_depth", admin, a -> depth(a, queue.deadLetterQueue()))
                    .description("Messages waiting in a dead-letter queue")
                    .tag("queue", queue.deadLetterQueue())
                    .register(meters);
        }
    }

    private static double depth(RabbitAdmin admin, String queue) {
        try {
            QueueInformation info = admin.getQueueInfo(queue);
            return info == null ? Double.NaN : info.getMessageCount();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
