package dev.storyline.telegram.updates;

import dev.storyline.platform.health.FatalErrors;
import dev.storyline.platform.health.LoopHealth;
import dev.storyline.telegram.TelegramProperties;
import dev.storyline.telegram.botapi.BotApi;
import dev.storyline.telegram.botapi.BotApiException;
import dev.storyline.telegram.callbacks.CallbackHandler;
import dev.storyline.telegram.commands.Commands;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Long-polls getUpdates for button taps and chat commands — on one instance per bot token only: each instance tries
 * to hold the {@link PollerLease}; the holder polls and renews it every round, the others wait and
 * take over when it lapses (a dead holder) or is released (a graceful stop). Sending scales on all
 * instances; polling does not need to.
 *
 * <p>Own loop rather than telegrambots' long-polling application: that one polls for as long as it
 * is registered and retries a 409 forever, while this one must poll only while it holds the lease.
 * Offsets are Telegram's: an update is confirmed by the next getUpdates after it was handled, so a
 * crash mid-batch re-serves it to the next poller, which skips the update ids already recorded as handled.
 */
@Component
class UpdatePoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UpdatePoller.class);
    private static final String LOOP = "telegram-poller";

    private final BotApi bot;
    private final CallbackHandler callbacks;
    private final Commands commands;
    private final PollerLease lease;
    private final TelegramProperties properties;
    private final LoopHealth loops;
    private final HandledUpdates handled;
    private final UUID instance = UUID.randomUUID();
    /** Wakes the loop from its pauses on stop; the in-flight long poll is never interrupted (see stop). */
    private final Semaphore wakeup = new Semaphore(0);

    private volatile boolean running;
    private volatile boolean leader;
    private Thread thread;

    UpdatePoller(
            BotApi bot,
            CallbackHandler callbacks,
            Commands commands,
            PollerLease lease,
            TelegramProperties properties,
            LoopHealth loops,
            HandledUpdates handled) {
        this.handled = handled;
        this.bot = bot;
        this.callbacks = callbacks;
        this.commands = commands;
        this.lease = lease;
        this.properties = properties;
        this.loops = loops;
    }

    private void loop() {
        TelegramProperties.Polling polling = properties.polling();
        Integer offset = null;
        while (running) {
            try {
                boolean holding = lease.hold(properties.botId(), instance, polling.lease());
                if (holding != leader) {
                    log.info(
                            holding
                                    ? "this instance now polls Telegram for bot {}"
                                    : "another instance polls bot {} now",
                            properties.botId());
                    leader = holding;
                    offset = null;
                    if (holding) {
                        handled.prune();
                    }
                }
                if (!holding) {
                    loops.beat(LOOP);
                    sleep(polling.lease().dividedBy(4));
                    continue;
                }
                List<Update> updates = bot.getUpdates(offset, polling.timeout());
                for (Update update : updates) {
                    if (!handled.claim(properties.botId(), update.getUpdateId())) {
                        log.info(
                                "update {} was handled before (served again after a poller hand-over); skipped",
                                update.getUpdateId());
                    } else if (update.hasCallbackQuery()) {
                        callbacks.handle(update.getCallbackQuery());
                    } else if (update.hasMessage()) {
                        commands.handle(update.getMessage());
                    }
                    offset = update.getUpdateId() + 1;
                }
                if (!running && offset != null) {
                    confirm(offset);
                }
            } catch (BotApiException e) {
                if (e.kind() == BotApiException.Kind.CONFLICT) {
                    // Someone outside this database polls the same token (an old deployment, a developer's laptop).
                    log.warn("Telegram answered 409: another process polls bot {}; backing off", properties.botId());
                } else {
                    log.warn("getUpdates failed, backing off: {}", e.getMessage());
                }
                sleep(e.retryAfter() != null ? e.retryAfter() : polling.errorBackoff());
            } catch (VirtualMachineError e) {
                FatalErrors.exit(log, LOOP, e);
                return;
            } catch (RuntimeException | Error e) {
                log.error("polling round failed; the loop goes on", e);
                sleep(polling.errorBackoff());
            } finally {
                loops.beat(LOOP);
            }
        }
    }

    /** Tells Telegram the last batch is handled, so the next poller does not get those taps again. */
    private void confirm(int offset) {
        try {
            bot.getUpdates(offset, Duration.ZERO);
        } catch (BotApiException e) {
            log.info(
                    "could not confirm the last updates before stopping; the next poller answers them again: {}",
                    e.getMessage());
        }
    }

    private void sleep(Duration duration) {
        try {
            if (wakeup.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                wakeup.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void start() {
        if (properties.logOnly()) {
            log.info("log-only mode (TELEGRAM_BOT_TOKEN unset): not polling Telegram for button taps");
            return;
        }
        if (!properties.polling().enabled()) {
            log.warn(
                    "Telegram polling is disabled (TELEGRAM_POLLING_ENABLED=false): buttons get no answer from this instance");
            return;
        }
        running = true;
        Duration pollTimeout = properties.polling().timeout();
        loops.register(
                LOOP,
                pollTimeout.plus(properties.polling().lease()).multipliedBy(2).plusMinutes(1));
        thread = Thread.ofPlatform().name("telegram-poller").daemon(true).start(this::loop);
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        // No interrupt: the current long poll finishes (at most one poll timeout), its taps are handled
        // and confirmed, and only then is the lease released — two pollers never overlap at Telegram.
        wakeup.release();
        try {
            thread.join(properties.polling().timeout().plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            lease.release(properties.botId(), instance);
        } catch (RuntimeException e) {
            log.warn("could not release the poller lease; the next poller waits for it to lapse: {}", e.toString());
        }
        leader = false;
        loops.unregister(LOOP);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
