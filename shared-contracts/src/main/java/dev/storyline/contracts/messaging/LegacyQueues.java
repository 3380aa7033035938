package dev.storyline.contracts.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * Finds the work queues a broker already holds with an earlier version's arguments. RabbitMQ refuses to
 * redeclare a queue with other arguments (PRECONDITION_FAILED) and a queue's arguments cannot change, so
 * each work queue is declared once with the current arguments on a channel of its own: created if absent,
 * accepted if current, refused if it predates them.
 */
public final class LegacyQueues {

    private static final Logger log = LoggerFactory.getLogger(LegacyQueues.class);
    private static final int PRECONDITION_FAILED = 406;

    private LegacyQueues() {}

    public static Set<String> detect(ConnectionFactory connectionFactory) {
        Set<String> legacy = new HashSet<>();
        if (!(connectionFactory instanceof AbstractConnectionFactory spring)) {
            return legacy;
        }
        // A connection of its own: opening the shared one now, before RabbitAdmin listens for it, would
        // skip RabbitAdmin's declarations.
        try (com.rabbitmq.client.Connection connection =
                spring.getRabbitConnectionFactory().newConnection("storyline-topology-check")) {
            for (Topology.WorkQueue queue : Topology.WORK_QUEUES) {
                try (Channel channel = connection.createChannel()) {
                    channel.queueDeclare(
                            queue.name(), true, false, false, TopologyDeclarations.QueueArguments.workQueue(queue));
                } catch (IOException e) {
                    if (isPreconditionFailed(e)) {
                        legacy.add(queue.name());
                    } else {
                        log.warn("could not check the arguments of queue {}: {}", queue.name(), e.toString());
                    }
                } catch (com.rabbitmq.client.AlreadyClosedException e) {
                    // closing a channel the broker closed already; its outcome was recorded above
                }
            }
        } catch (Exception e) {
            log.warn(
                    "could not reach RabbitMQ to check the queues' arguments; declaring the current ones: {}",
                    e.toString());
        }
        return legacy;
    }

    private static boolean isPreconditionFailed(IOException e) {
        return e.getCause() instanceof ShutdownSignalException signal
                && signal.getReason() instanceof AMQP.Channel.Close close
                && close.getReplyCode() == PRECONDITION_FAILED;
    }
}
