package dev.storyline.platform.consuming;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.platform.inbox.Inbox;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The inbox entry of one delivery to a {@linkplain EventSubscription.Builder#selfManagedWithInbox
 * self-managed handler that folds it into its own transactions}: the handler checks it in the transaction
 * that claims its work and marks it in the transaction that records the outcome, so neither costs a
 * commit of its own. Marking with the outcome is safe because a redelivery after that commit finds the
 * event processed, just as it would find the outcome already recorded.
 */
public final class InboxMark {

    private final Inbox inbox;
    private final String consumer;
    private final EventEnvelope<?> event;
    private boolean duplicate;
    private boolean marked;

    /** For a handler called without a subscription (tests); the subscription makes its own. */
    public InboxMark(Inbox inbox, String consumer, EventEnvelope<?> event) {
        this.inbox = inbox;
        this.consumer = consumer;
        this.event = event;
    }

    /**
     * True if this consumer already processed the event: the handler then does nothing and the delivery
     * counts as a duplicate. Runs in the caller's transaction, if any.
     */
    public boolean alreadyProcessed() {
        duplicate = inbox.alreadyProcessed(consumer, event.eventId());
        return duplicate;
    }

    /**
     * Marks the event processed in the caller's transaction, the one that commits the outcome it records.
     * Counts only once that transaction commits; otherwise the subscription marks it after the handler.
     */
    public void markWithOutcome() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("InboxMark.markWithOutcome must run inside the outcome's transaction");
        }
        inbox.markProcessed(consumer, event);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                marked = true;
            }
        });
    }

    boolean duplicate() {
        return duplicate;
    }

    boolean marked() {
        return marked;
    }
}
