package dev.storyline.telegram.callbacks;

import dev.storyline.contracts.events.ManualAction;
import dev.storyline.telegram.manual.ManualPost;
import dev.storyline.telegram.manual.ResolvedElsewhere;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the person who tapped is told. Later taps on a decided post all hear the same story, whichever
 * button they pressed, so that wording lives here with the words for each decision.
 */
record Answer(String text, boolean alert) {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    static Answer alreadyDecided(ManualPost post) {
        if (post.status() == ManualPost.Status.HANDED_BACK) {
            return new Answer(
                    "Already handed to the API by " + post.resolvedByName() + " at " + TIME.format(post.resolvedAt())
                            + ".",
                    true);
        }
        if (post.resolvedElsewhere()) {
            return new Answer(
                    "Already resolved " + ResolvedElsewhere.byWhom(post) + ": "
                            + verb(post.resolvedAction()).toLowerCase() + " at " + TIME.format(post.resolvedAt()) + ".",
                    true);
        }
        if (post.status() == ManualPost.Status.RESOLVED) {
            return new Answer(
                    "Already " + verb(post.resolvedAction()).toLowerCase() + " by " + post.resolvedByName() + " at "
                            + TIME.format(post.resolvedAt()) + ".",
                    true);
        }
        return new Answer(
                "This post is not waiting for a decision ("
                        + post.status().name().toLowerCase() + ").",
                true);
    }

    static String verb(ManualAction action) {
        return switch (action) {
            case POSTED -> "Marked posted";
            case SKIPPED -> "Skipped";
            case REJECTED -> "Rejected";
        };
    }
}
