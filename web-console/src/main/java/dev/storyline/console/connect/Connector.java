package dev.storyline.console.connect;

import dev.storyline.console.scheduler.SchedulerApi.AccountLink;
import dev.storyline.console.scheduler.SchedulerApi.NewAccount;
import dev.storyline.console.scheduler.SchedulerClient;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a grant and a choice into a connected account: the scheduler's account first (created, or linked when it
 * exists without an Instagram user), then the token to token-worker. An account already linked to another
 * Instagram user is never re-pointed: that would post one brand's stories to another brand's account.
 */
@Component
class Connector {

    private static final Logger log = LoggerFactory.getLogger(Connector.class);

    private final SchedulerClient scheduler;
    private final TokenWorkerClient tokens;

    Connector(SchedulerClient scheduler, TokenWorkerClient tokens) {
        this.scheduler = scheduler;
        this.tokens = tokens;
    }

    /** Refused before anything changed; the message names the field or account. */
    static class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Creates or links the account, then stores the token; answers what happened in one sentence. */
    String connect(Grant grant, Choice choice) {
        Grant.Discovered chosen = grant.account(choice.instagramUserId()).orElseThrow();
        Optional<AccountLink> existing = scheduler.accountLink(choice.accountId());
        if (existing.isPresent()) {
            requireSameUser(existing.get(), chosen);
            if (existing.get().instagramUserId() == null || !existing.get().apiEnabled()) {
                scheduler.linkInstagram(choice.accountId(), chosen.instagramUserId());
            }
        } else {
            scheduler.addAccount(new NewAccount(
                    choice.accountId(),
                    choice.name(chosen),
                    chosen.instagramUserId(),
                    true,
                    choice.dryRunOn(),
                    choice.mediaSubdir(),
                    choice.start(),
                    choice.end(),
                    choice.zone().getId(),
                    true));
        }
        tokens.put(choice.accountId(), grant, chosen.instagramUserId());
        log.info(
                "connected Instagram user {} to account {} ({})",
                chosen.instagramUserId(),
                choice.accountId(),
                grant.loginType().wireName());
        return (existing.isPresent() ? "Linked " : "Connected ") + chosen.label() + " to Storyline account '"
                + choice.accountId() + "' with " + grant.loginType().label() + "; token-worker now holds its token"
                + (grant.expiresAt() == null ? "." : " (valid until " + grant.expiresAt() + ").");
    }

    /**
     * Replaces the token of an account linked already, when the sign-in reached that same Instagram user.
     * Empty when the account has no Instagram user yet: the person then chooses, as for a new connection.
     */
    Optional<String> reconnect(Grant grant, AccountLink account) {
        if (account.instagramUserId() == null) {
            return Optional.empty();
        }
        Grant.Discovered same = grant.account(account.instagramUserId())
                .orElseThrow(() -> new Refused("This sign-in reached "
                        + String.join(
                                ", ",
                                grant.accounts().stream()
                                        .map(Grant.Discovered::label)
                                        .toList())
                        + ", not the Instagram account of '" + account.id() + "' (Instagram user id "
                        + account.instagramUserId() + "). Nothing was changed; sign in to Meta as that account, "
                        + "or connect the other one as a new Storyline account."));
        tokens.put(account.id(), grant, same.instagramUserId());
        log.info("reconnected account {} ({})", account.id(), grant.loginType().wireName());
        return Optional.of("Reconnected '" + account.id() + "' (" + same.label() + "): token-worker holds a new token"
                + (grant.expiresAt() == null ? "." : " valid until " + grant.expiresAt() + "."));
    }

    private static void requireSameUser(AccountLink existing, Grant.Discovered chosen) {
        String linked = existing.instagramUserId();
        if (linked != null && !linked.equals(chosen.instagramUserId())) {
            throw new Refused("Storyline account id: '" + existing.id() + "' is connected to Instagram user id "
                    + linked + " already; connecting " + chosen.label() + " (id " + chosen.instagramUserId()
                    + ") to it is refused. Choose another Storyline account id.");
        }
    }
}
