package dev.storyline.platform.consuming;

import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.EventType;
import dev.storyline.contracts.messaging.Topology;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a service consumes from one work queue, declared as a bean:
 * <pre>{@code
 * EventSubscription.on(Topology.SCHEDULER_OUTCOMES)
 *     .inTransaction(PostPublished.class, outcomes::published)
 *     .build();
 * }</pre>
 * An {@linkplain Builder#inTransaction in-transaction} handler runs inside the inbox transaction:
 * its database writes, its outbox events and the inbox mark commit together, then the message is
 * acknowledged. A {@linkplain Builder#selfManaged self-managed} handler makes external calls and
 * must not hold a transaction open meanwhile; it keeps its own idempotency state and the inbox is
 * marked after it returns. A {@linkplain Builder#selfManagedWithInbox self-managed handler with its inbox}
 * is one that checks and marks the inbox in its own transactions ({@link InboxMark}), saving the
 * separate commits of both.
 */
public final class EventSubscription {

    public enum Mode {
        IN_TRANSACTION,
        SELF_MANAGED,
        SELF_MANAGED_WITH_INBOX
    }

    record Registration(InboxMarkingHandler<EventPayload> handler, Mode mode) {}

    private final Topology.WorkQueue queue;
    private final String consumerName;
    private final Map<EventType, Registration> handlers;
    private final int concurrency;
    private final int prefetch;

    private EventSubscription(Builder builder) {
        this.queue = builder.queue;
        this.consumerName = builder.consumerName;
        this.handlers = Map.copyOf(builder.handlers);
        this.concurrency = builder.concurrency;
        this.prefetch = builder.prefetch;
    }

    public static Builder on(Topology.WorkQueue queue) {
        return new Builder(queue);
    }

    public Topology.WorkQueue queue() {
        return queue;
    }

    public String consumerName() {
        return consumerName;
    }

    public int concurrency() {
        return concurrency;
    }

    public int prefetch() {
        return prefetch;
    }

    Optional<Registration> registrationFor(EventType type) {
        return Optional.ofNullable(handlers.get(type));
    }

    public static final class Builder {
        private final Topology.WorkQueue queue;
        private String consumerName;
        private final Map<EventType, Registration> handlers = new EnumMap<>(EventType.class);
        private int concurrency = 1;
        private int prefetch = 10;

        private Builder(Topology.WorkQueue queue) {
            this.queue = queue;
            this.consumerName = queue.name();
        }

        public Builder consumerName(String name) {
            this.consumerName = name;
            return this;
        }

        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        public Builder prefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        public <P extends EventPayload> Builder inTransaction(Class<P> type, EventHandler<P> handler) {
            return register(type, handler, Mode.IN_TRANSACTION);
        }

        public <P extends EventPayload> Builder selfManaged(Class<P> type, EventHandler<P> handler) {
            return register(type, handler, Mode.SELF_MANAGED);
        }

        /**
         * Self-managed, and the handler takes over the inbox: it must call {@link InboxMark#alreadyProcessed}
         * before any effect (typically in the transaction that claims its work) and should call
         * {@link InboxMark#markWithOutcome} in the transaction that records its outcome. Without that
         * mark the subscription marks the inbox after the handler returns, as for {@link #selfManaged}.
         */
        public <P extends EventPayload> Builder selfManagedWithInbox(Class<P> type, InboxMarkingHandler<P> handler) {
            return registerMarking(type, handler, Mode.SELF_MANAGED_WITH_INBOX);
        }

        private <P extends EventPayload> Builder register(Class<P> type, EventHandler<P> handler, Mode mode) {
            return registerMarking(type, (event, inbox) -> handler.handle(event), mode);
        }

        @SuppressWarnings("unchecked")
        private <P extends EventPayload> Builder registerMarking(
                Class<P> type, InboxMarkingHandler<P> handler, Mode mode) {
            handlers.put(
                    EventType.of(type),
                    new Registration((InboxMarkingHandler<EventPayload>) (InboxMarkingHandler<?>) handler, mode));
            return this;
        }

        public EventSubscription build() {
            if (handlers.isEmpty()) {
                throw new IllegalStateException("subscription to " + queue.name() + " has no handlers");
            }
            return new EventSubscription(this);
        }
    }
}
