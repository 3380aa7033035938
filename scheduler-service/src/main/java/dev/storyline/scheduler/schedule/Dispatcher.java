package dev.storyline.scheduler.schedule;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.scheduler.SchedulerProperties;
import dev.storyline.scheduler.accounts.Account;
import dev.storyline.scheduler.accounts.Accounts;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns due slots into exactly one {@link PostRequested} each, one batch per call. A batch locks a few
 * accounts nobody else is dispatching ({@link DueSlots}), claims their due slots with
 * {@code FOR UPDATE SKIP LOCKED}, and commits the claims, the media choices and the outbox events in one
 * transaction, so any number of threads and scheduler instances can call this at once without a slot
 * going out twice or two slots of one account getting the same medium.
 */
@Component
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Accounts accounts;
    private final DueSlots dueSlots;
    private final SlotDispatch slots;
    private final Outbox outbox;
    private final SchedulerProperties properties;
    private final MeterRegistry meters;

    public Dispatcher(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Accounts accounts,
            DueSlots dueSlots,
            SlotDispatch slots,
            Outbox outbox,
            SchedulerProperties properties,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.accounts = accounts;
        this.dueSlots = dueSlots;
        this.slots = slots;
        this.outbox = outbox;
        this.properties = properties;
        this.meters = meters;
    }

    /** Dispatches one batch of what is due now; returns how many slots it handled (0: nothing left for it). */
    public int dispatchDue() {
        Integer handled = transactions.execute(status -> {
            List<DueSlots.DueSlot> due = dueSlots.claim(dueSlots.lockAccounts(), properties.dispatchBatch());
            if (due.isEmpty()) {
                return 0;
            }
            // the settings are read once per batch: the account's lock keeps its media, not its settings,
            // and a change committed a moment ago applies from the next batch on, as it did per slot
            Map<String, Account> settings =
                    accounts.find(due.stream().map(DueSlots.DueSlot::accountId).collect(Collectors.toSet())).stream()
                            .collect(Collectors.toMap(Account::id, Function.identity()));
            for (DueSlots.DueSlot slot : due) {
                dispatchIsolated(slot, settings.get(slot.accountId()), status);
            }
            return due.size();
        });
        return handled == null ? 0 : handled;
    }

    /**
     * Each slot runs behind a savepoint: a slot that cannot be dispatched is undone alone and marked
     * FAILED with an admin alert, so it can neither roll back the other accounts' slots of the batch nor
     * come back every tick (a forced slot would otherwise block dispatch for good).
     */
    private void dispatchIsolated(DueSlots.DueSlot slot, Account account, TransactionStatus status) {
        Object savepoint = status.createSavepoint();
        UUID[] picked = new UUID[1];
        try {
            if (account == null) {
                throw new IllegalStateException("account " + slot.accountId() + " vanished during dispatch");
            }
            slots.dispatch(slot, account, picked);
            status.releaseSavepoint(savepoint);
        } catch (TransientDataAccessException e) {
            // a deadlock or lock timeout says nothing about the slot: leave it planned for the next tick
            status.rollbackToSavepoint(savepoint);
            log.warn(
                    "slot {} of '{}' not dispatched this time, will retry: {}",
                    slot.id(),
                    slot.accountId(),
                    e.toString());
        } catch (RuntimeException e) {
            status.rollbackToSavepoint(savepoint);
            fail(slot, picked[0], e);
        }
    }

    private void fail(DueSlots.DueSlot slot, UUID picked, RuntimeException e) {
        // a refused event says what is wrong in words; anything else stays in the log, not in the chat
        String reason = e instanceof IllegalArgumentException && e.getMessage() != null
                ? e.getMessage()
                : "unexpected error (details in the scheduler log)";
        log.error("slot {} of '{}' cannot be dispatched; marked FAILED", slot.id(), slot.accountId(), e);
        slots.complete(slot.id(), "FAILED", "could not be dispatched: " + reason);
        if (picked != null && e instanceof IllegalArgumentException) {
            // the medium makes an event no service accepts: set it aside, or every next slot would pick it again
            jdbc.sql("""
                            update media_items set valid = false, updated_at = now(),
                                   validation_errors = array_append(validation_errors, :error)
                            where id = :id
                            """)
                    .param("id", picked)
                    .param("error", "could not be dispatched: " + reason)
                    .update();
        }
        outbox.append(
                EventEnvelope.forPost(
                        slot.accountId(),
                        slot.id(),
                        new AdminAlert(
                                "dispatch-failed:" + slot.id(),
                                AlertSeverity.WARNING,
                                "Slot " + slot.id() + " of account " + slot.accountId() + " (due " + slot.slotAt()
                                        + ") could not be dispatched and was not posted: " + reason
                                        + ". A medium at fault is set aside as invalid until it is indexed again; the next slots go on.")));
        meters.counter("storyline_slots_failed_total", "account", slot.accountId())
                .increment();
    }
}
