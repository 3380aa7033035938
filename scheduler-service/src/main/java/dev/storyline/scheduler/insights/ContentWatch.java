package dev.storyline.scheduler.insights;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.scheduler.SchedulerProperties;
import dev.storyline.scheduler.accounts.Account;
import dev.storyline.scheduler.accounts.Accounts;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Warns the admins before an account runs out of media: fewer eligible items than
 * {@code CONTENT_LOW_DAYS} days of posting. telegram-worker throttles repeats of the same alert key.
 */
@Component
public class ContentWatch {

    private final Accounts accounts;
    private final Stats stats;
    private final Outbox outbox;
    private final double lowDays;

    public ContentWatch(Accounts accounts, Stats stats, Outbox outbox, SchedulerProperties properties) {
        this.accounts = accounts;
        this.stats = stats;
        this.outbox = outbox;
        this.lowDays = properties.contentLowDays();
    }

    /** Returns how many accounts were reported as running low. */
    @Transactional
    public int check() {
        int low = 0;
        for (Account account : accounts.all()) {
            Stats.AccountStats figures = stats.of(account.id());
            if (account.paused() || figures.daysOfContentLeft() == null || figures.daysOfContentLeft() >= lowDays) {
                continue;
            }
            low++;
            outbox.append(EventEnvelope.forAccount(
                    account.id(),
                    new AdminAlert(
                            "content-low:" + account.id(),
                            figures.eligible() == 0 ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
                            "Account " + account.id() + " has " + figures.eligible() + " postable items left: about "
                                    + figures.daysOfContentLeft() + " days at " + account.postsPerDay()
                                    + " posts a day. Add media.")));
        }
        return low;
    }
}
