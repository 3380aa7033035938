package dev.storyline.scheduler.schedule;

import dev.storyline.contracts.events.Route;
import dev.storyline.scheduler.accounts.Account;
import java.time.Instant;

/** Which way a post goes: the Graph API, or to a person with the reason why. */
record RouteDecision(Route route, String reason) {

    static RouteDecision decide(Account account, boolean requiresInteraction, Instant now) {
        if (!account.apiEnabled()) {
            return new RouteDecision(Route.MANUAL, "api_disabled");
        }
        if (requiresInteraction) {
            return new RouteDecision(Route.MANUAL, "requires_interaction");
        }
        if (!account.tokenHealthy()) {
            return new RouteDecision(Route.MANUAL, "token_unhealthy");
        }
        if (account.apiPausedUntil() != null && account.apiPausedUntil().isAfter(now)) {
            return new RouteDecision(Route.MANUAL, "api_rate_limited");
        }
        return new RouteDecision(Route.AUTO, "api_enabled");
    }
}
