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
}
