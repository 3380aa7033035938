package dev.storyline.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.telegram.manual.CallbackData;
import dev.storyline.testkit.fakes.FakeBotApi;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The promise of the reliability runs, checked from the fakes' own records and the scheduler's tables: every
 * post ends published once or resolved by hand, none lost, none twice. Also plays the person in the team chat,
 * who taps Posted on every manual message and taps again when nothing seems to happen.
 */
final class EveryPostOnce {

    private static final Duration TAP_AGAIN_AFTER = Duration.ofSeconds(5);

    private final StorylineSystem system;
    private final Map<UUID, Long> lastTap = new HashMap<>();

    EveryPostOnce(StorylineSystem system) {
        this.system = system;
    }

    /** One look at the posts: taps Posted where a person would; true once every post is PUBLISHED or RESOLVED. */
    boolean ended(List<UUID> posts) {
        Map<UUID, String> statuses;
        try {
            statuses = statuses(posts);
        } catch (RuntimeException e) {
            return false; // PostgreSQL or the scheduler is restarting; look again
        }
        boolean allEnded = true;
        for (UUID post : posts) {
            String status = statuses.get(post);
            if ("MANUAL_PENDING".equals(status) || "DISPATCHED".equals(status)) {
                tapPostedIfDue(post);
            }
            allEnded &= "PUBLISHED".equals(status) || "RESOLVED".equals(status);
        }
        return allEnded;
    }

    /** None lost, none twice, for every post the run created. */
    void assertHeld(List<UUID> posts) {
        Map<UUID, String> statuses = statuses(posts);
        assertThat(statuses)
                .as("every post ended (none lost)")
                .hasSize(posts.size())
                .allSatisfy(
                        (post, status) -> assertThat(status).as("post %s", post).isIn("PUBLISHED", "RESOLVED"));
        List<String> history = system.infra
                .jdbc("scheduler")
                .sql("select post_id::text from posting_history where post_id in (:ids)")
                .param("ids", posts)
                .query(String.class)
                .list();
        assertThat(history)
                .as("one history entry per post")
                .doesNotHaveDuplicates()
                .hasSize(posts.size());
        long published = system.infra
                .jdbc("scheduler")
                .sql("select count(*) from slots where status = 'PUBLISHED'")
                .query(Long.class)
                .single();
        assertThat(system.graph.publishedStories())
                .as("stories live at Meta (none twice)")
                .isEqualTo(published);
        // a manual message once per post, and never for a post the API published. The one exception is the
        // documented recovery: a sender killed between Telegram's answer and recording it leaves a lapsed
        // claim, and the worker taking it over sends again (a duplicate beats a lost post); the claims column
        // counts those take-overs, so a second message is allowed only where one happened.
        for (UUID post : posts) {
            List<FakeBotApi.Call> messages = messagesFor(post);
            assertThat(messages)
                    .as("Telegram messages for post %s", post)
                    .hasSizeLessThanOrEqualTo(Math.max(1, claims(post)));
            if ("PUBLISHED".equals(statuses.get(post))) {
                assertThat(messages)
                        .as("post %s was published by the API and sent to Telegram", post)
                        .isEmpty();
            }
        }
    }

    Map<UUID, String> statuses(Collection<UUID> posts) {
        Map<UUID, String> statuses = new HashMap<>();
        system.infra
                .jdbc("scheduler")
                .sql("select id, status from slots where id in (:ids)")
                .param("ids", posts)
                .query((rs, i) -> statuses.put(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
        return statuses;
    }

    long count(Collection<UUID> posts, String status) {
        return statuses(posts).values().stream().filter(status::equals).count();
    }

    private void tapPostedIfDue(UUID post) {
        List<FakeBotApi.Call> messages = messagesFor(post);
        long now = System.nanoTime();
        Long previous = lastTap.get(post);
        if (messages.isEmpty() || (previous != null && now - previous < TAP_AGAIN_AFTER.toNanos())) {
            return;
        }
        lastTap.put(post, now);
        // where a post was sent twice (a take-over), only the recorded copy's buttons count, so each is tapped
        for (FakeBotApi.Call message : messages) {
            system.telegram.tap(
                    StorylineSystem.MEMBER_USER,
                    "mia",
                    new CallbackData(CallbackData.Action.POSTED, post).encode(),
                    message);
        }
    }

    List<FakeBotApi.Call> messagesFor(UUID post) {
        // only successful sends count: an injected 5xx or 429 is a failed attempt, not a message
        return system.telegram.messagesWith(new CallbackData(CallbackData.Action.POSTED, post).encode()).stream()
                .filter(c -> !c.failed())
                .toList();
    }

    private int claims(UUID post) {
        return system.infra
                .jdbc("telegram")
                .sql("select claims from manual_posts where post_id = :p")
                .param("p", post)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }
}
