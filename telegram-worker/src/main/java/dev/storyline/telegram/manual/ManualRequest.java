package dev.storyline.telegram.manual;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.PostContent;

/**
 * A post that must reach a person, whichever event asked for it.
 *
 * @param why       why it is manual, in words for the person reading it
 * @param hostedUrl a hosted copy, if any: the way out for files too large to upload to Telegram
 */
record ManualRequest(EventEnvelope<?> source, PostContent content, String why, String hostedUrl) {

    /**
     * 🤖 Auto post is offered only for a post routed to Telegram from the start (the Graph API never saw
     * it, so handing it back stays exactly once) whose content needs no stickers added by hand.
     */
    boolean offersAutoPost() {
        return source.payload() instanceof dev.storyline.contracts.events.PostRequested
                && !content.requiresInteraction();
    }

    /** A fallback for a post someone handed back to the API: the team gets it again. */
    boolean reopensHandedBack() {
        return source.payload() instanceof dev.storyline.contracts.events.FallbackRequested;
    }
}
