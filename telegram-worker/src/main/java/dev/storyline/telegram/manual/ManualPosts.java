package dev.storyline.telegram.manual;

import dev.storyline.contracts.events.ManualAction;
import dev.storyline.platform.lease.ClaimAttempt;
import dev.storyline.platform.lease.Leases;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The exactly-once state of each manual post. Every transition is one conditional UPDATE (compare
 * and set; the sender's through the shared {@link Leases}), committed on its own: the claim before
 * the send, the message id after it, the first decision. No transaction is held across a Bot API call.
 */
@Component
public class ManualPosts {

    private final JdbcClient jdbc;
    private final Leases leases;

    ManualPosts(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.leases = Leases.on(jdbc, "manual_posts", "post_id")
                .heldWhile("status", "SENDING")
                .touching("updated_at");
    }

    /**
     * The first claim inserts the row. A later one takes over only a row still SENDING whose lease has
     * lapsed: its holder stopped between claiming and recording the message id, so whether Telegram got
     * the message is unknown. Recovery choice: the post is sent again (claims counts it), because a
     * possible duplicate message is harmless — decisions are keyed by post id and the first tap wins —
     * while a lost post is not. After {@code maxClaims} the caller reports it failed
     * instead, so a crash loop can never become a send loop.
     */
    ClaimAttempt<ManualPost> claim(ManualRequest request, Duration lease) {
        UUID postId = request.source().postId();
        return leases.claiming(postId)
                .insert(
                        "account_id, correlation_id, status, claims, auto_post",
                        ":account, :correlation, 'SENDING', 1, :autoPost")
                .onTakeover("""
                        claims = case when manual_posts.status = 'HANDED_BACK' then 1 else manual_posts.claims + 1 end,
                        status = 'SENDING',
                        auto_post = case when manual_posts.status = 'HANDED_BACK' then excluded.auto_post
                                         else manual_posts.auto_post end,
                        resolved_by_id = null, resolved_by_name = null, resolved_at = null,
                        updated_at = now()""")
                .alsoTakeOverWhen("manual_posts.status = 'HANDED_BACK' and :reopens")
                .param("autoPost", request.offersAutoPost())
                .param("reopens", request.reopensHandedBack())
                .param("account", request.source().accountId())
                .param("correlation", request.source().correlationId())
                .attempt(lease, ManualPosts::map, ManualPost::finished)
                .orElseThrow(() -> new IllegalStateException("manual post " + postId + " vanished"));
    }

    public Optional<ManualPost> find(UUID postId) {
        return jdbc.sql("select * from manual_posts where post_id = :post")
                .param("post", postId)
                .query(ManualPosts::map)
                .optional();
    }

    /** Renews a held claim before each attempt; false if it lapsed and another worker took it over. */
    boolean renew(ManualPost claimed, Duration lease) {
        return leases.renew(claimed.claim(), lease).isPresent();
    }

    /** The send's outcome is unknown: the claim ends now, so the next delivery may take it over. */
    void releaseUnconfirmed(ManualPost claimed, String error) {
        leases.releaseSetting(claimed.claim(), "last_error = :error")
                .param("error", error)
                .update();
    }

    boolean markSent(ManualPost claimed, String chatId, long messageId, MessageKind kind, String caption) {
        return leases.endIfOurs(claimed.claim(), """
                        status = 'SENT', chat_id = :chat, message_id = :message, message_kind = :kind,
                        caption = :caption, last_error = null, updated_at = now()""")
                        .param("chat", chatId)
                        .param("message", messageId)
                        .param("kind", kind.name())
                        .param("caption", caption)
                        .update()
                == 1;
    }

    /**
     * A tap on a post still SENDING proves Telegram has its message: the sender stopped (or has not
     * yet recorded it) after Telegram's answer. The tapped message is recorded as the post's, so a
     * worker taking over the lapsed claim finds it sent and sends nothing again. A live sender
     * recording a moment later finds the row taken and keeps this record, which names the same kind
     * of message in the same chat.
     */
    public boolean adoptDelivered(UUID postId, String chatId, long messageId, MessageKind kind, String caption) {
        return jdbc.sql("""
                        update manual_posts set status = 'SENT', chat_id = :chat, message_id = :message, message_kind = :kind,
                                                caption = :caption, claim_id = null, claimed_until = null,
                                                last_error = null, updated_at = now()
                        where post_id = :post and status = 'SENDING'
                        """)
                        .param("post", postId)
                        .param("chat", chatId)
                        .param("message", messageId)
                        .param("kind", kind.name())
                        .param("caption", caption == null ? "" : caption)
                        .update()
                == 1;
    }

    /**
     * 🤖 Auto post: like a decision, the first tap wins, and only on a message that offers the button.
     * Empty if someone acted first (or the post never offered it).
     */
    public Optional<ManualPost> handBack(UUID postId, long userId, String userName) {
        return jdbc.sql("""
                        update manual_posts set status = 'HANDED_BACK', resolved_by_id = :user, resolved_by_name = :name,
                                                resolved_at = now(), updated_at = now()
                        where post_id = :post and status = 'SENT' and auto_post
                        returning *
                        """)
                .param("post", postId)
                .param("user", userId)
                .param("name", userName)
                .query(ManualPosts::map)
                .optional();
    }

    /** True if this call ended the post as FAILED (then, and only then, PostFailed is emitted). */
    boolean markFailed(UUID postId, String error) {
        return jdbc.sql("""
                        update manual_posts set status = 'FAILED', last_error = :error, claim_id = null,
                                                claimed_until = null, updated_at = now()
                        where post_id = :post and status = 'SENDING'
                        """).param("post", postId).param("error", error).update() == 1;
    }

    /**
     * The first decision wins: only a post still waiting (SENT) moves to RESOLVED, atomically, so
     * double taps and two people tapping at once give one outcome and a late tap never overwrites
     * who acted. Empty if someone else was first.
     */
    public Optional<ManualPost> resolve(UUID postId, ManualAction action, long userId, String userName) {
        return jdbc.sql("""
                        update manual_posts set status = 'RESOLVED', resolved_action = :action, resolved_by_id = :user,
                                                resolved_by_name = :name, resolved_at = now(), updated_at = now()
                        where post_id = :post and status = 'SENT'
                          and not exists (select 1 from outside_resolutions o where o.post_id = :post)
                        returning *
                        """)
                .param("post", postId)
                .param("action", action.name())
                .param("user", userId)
                .param("name", userName)
                .query(ManualPosts::map)
                .optional();
    }

    /** A decision taken elsewhere, kept whether or not the post's message exists (yet); the first one stays. */
    void recordOutside(UUID postId, String accountId, ManualAction action, String by, String via, Instant at) {
        jdbc.sql("""
                        insert into outside_resolutions (post_id, account_id, action, resolved_by, resolved_via, resolved_at)
                        values (:post, :account, :action, :by, :via, :at)
                        on conflict (post_id) do nothing
                        """)
                .param("post", postId)
                .param("account", accountId)
                .param("action", action.name())
                .param("by", by)
                .param("via", via)
                .param("at", java.sql.Timestamp.from(at))
                .update();
    }

    /**
     * Applies a decision taken elsewhere to a post whose message waits for a tap, in one compare-and-set
     * like a tap's: empty if there is none, the message is not recorded yet, or someone decided first.
     * Only the call that moves the row shows the outcome on the message, so it is shown once.
     */
    Optional<ManualPost> applyOutside(UUID postId) {
        return jdbc.sql("""
                        update manual_posts m set status = 'RESOLVED', resolved_action = o.action, resolved_by_id = null,
                                                  resolved_by_name = o.resolved_by, resolved_via = o.resolved_via,
                                                  resolved_at = o.resolved_at, updated_at = now()
                        from outside_resolutions o
                        where o.post_id = m.post_id and m.post_id = :post and m.status = 'SENT'
                        returning m.*
                        """).param("post", postId).query(ManualPosts::map).optional();
    }

    private static ManualPost map(ResultSet rs, int row) throws SQLException {
        String kind = rs.getString("message_kind");
        String action = rs.getString("resolved_action");
        long messageId = rs.getLong("message_id");
        Long message = rs.wasNull() ? null : messageId;
        long byId = rs.getLong("resolved_by_id");
        Long resolvedBy = rs.wasNull() ? null : byId;
        java.sql.Timestamp resolvedAt = rs.getTimestamp("resolved_at");
        return new ManualPost(
                rs.getObject("post_id", UUID.class),
                rs.getString("account_id"),
                rs.getObject("correlation_id", UUID.class),
                ManualPost.Status.valueOf(rs.getString("status")),
                Leases.claimIn(rs, "post_id"),
                rs.getInt("claims"),
                rs.getString("chat_id"),
                message,
                kind == null ? null : MessageKind.valueOf(kind),
                rs.getString("caption"),
                action == null ? null : ManualAction.valueOf(action),
                resolvedBy,
                rs.getString("resolved_by_name"),
                resolvedAt == null ? null : resolvedAt.toInstant(),
                rs.getBoolean("auto_post"),
                rs.getString("resolved_via"));
    }
}
