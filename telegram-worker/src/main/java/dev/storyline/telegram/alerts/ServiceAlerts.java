package dev.storyline.telegram.alerts;

import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.platform.health.BackgroundLoops;
import java.net.InetAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The worker's own alerts to the admins' chat, through the throttled {@link AdminAlerts} path:
 * "started" once it is ready, "stopping" first thing on the way down, and a periodic look at every
 * work queue's dead-letter queue — one alert key per queue, so a full queue is reported once per
 * throttle window with the repeats counted, and another queue is not held back by it.
 */
@Component
class ServiceAlerts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ServiceAlerts.class);
    static final String LOOP = "telegram-dlq-check";

    private final AdminAlerts alerts;
    private final AmqpAdmin rabbit;
    private final BackgroundLoops loops;
    private final DlqCheckProperties dlq;
    private final String instance = hostName();
    private volatile boolean running;

    ServiceAlerts(AdminAlerts alerts, AmqpAdmin rabbit, BackgroundLoops loops, DlqCheckProperties dlq) {
        this.alerts = alerts;
        this.rabbit = rabbit;
        this.loops = loops;
        this.dlq = dlq;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        // Not on the start-up thread: a slow Telegram must not delay readiness.
        Thread.ofVirtual()
                .name("telegram-started-alert")
                .start(() -> alerts.notify(
                        "lifecycle:started", AlertSeverity.INFO, "telegram-worker started (" + instance + ")", true));
        if (dlq.enabled()) {
            Duration interval = dlq.interval();
            Duration first = interval.compareTo(Duration.ofSeconds(30)) < 0 ? interval : Duration.ofSeconds(30);
            loops.every(LOOP, first, interval, interval.multipliedBy(3).plusMinutes(2), this::checkDeadLetters);
        }
    }

    void checkDeadLetters() {
        for (Topology.WorkQueue queue : Topology.WORK_QUEUES) {
            String name = queue.deadLetterQueue();
            QueueInformation info;
            try {
                info = rabbit.getQueueInfo(name);
            } catch (RuntimeException e) {
                log.warn("could not read the depth of {}: {}", name, e.getMessage());
                continue;
            }
            if (info != null && info.getMessageCount() > 0) {
                int depth = info.getMessageCount();
                alerts.notify(
                        "dlq:" + name,
                        AlertSeverity.WARNING,
                        "dead-letter queue " + name + " holds " + depth + " message" + (depth == 1 ? "" : "s")
                                + ". Inspect with: storyline dlq list " + queue.name(),
                        true);
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** The first to stop (highest phase), so the database and Telegram are still there. */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        alerts.notify("lifecycle:stopping", AlertSeverity.INFO, "telegram-worker stopping (" + instance + ")", false);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown host";
        }
    }
}
