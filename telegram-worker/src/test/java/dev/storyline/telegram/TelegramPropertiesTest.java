package dev.storyline.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storyline.telegram.access.AccountChats;
import dev.storyline.telegram.access.AccountUsers;
import dev.storyline.telegram.access.Role;
import dev.storyline.telegram.access.TeamAccess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelegramPropertiesTest {

    private static final TelegramProperties.Send SEND = new TelegramProperties.Send(
            6,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            2,
            Duration.ofSeconds(5),
            Duration.ofSeconds(120),
            Duration.ofMinutes(5));
    private static final TelegramProperties.Polling POLLING =
            new TelegramProperties.Polling(true, Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(5));

    private static TelegramProperties with(
            String token, String channel, String adminChat, String mediaRoot, List<Long> admins) {
        return new TelegramProperties(
                token,
                channel,
                adminChat,
                "https://api.telegram.org",
                mediaRoot,
                admins,
                List.of(),
                "https://www.instagram.com/",
                Duration.ofHours(1),
                SEND,
                POLLING,
                true,
                null);
    }

    @Test
    void runs_log_only_without_a_token_and_without_chats_or_media() {
        TelegramProperties properties = with("", null, null, null, List.of());
        assertThat(properties.logOnly()).isTrue();
    }

    @Test
    void a_token_needs_the_chats_the_media_folder_and_someone_allowed_to_act() {
        String media = Posts.MEDIA_ROOT.toString();
        assertThatThrownBy(() -> with("1:abc", null, "-2", media, List.of(1L)))
                .hasMessageContaining("TELEGRAM_CHANNEL_ID");
        assertThatThrownBy(() -> with("1:abc", "-1", "", media, List.of(1L)))
                .hasMessageContaining("ADMIN_TELEGRAM_CHAT_ID");
        assertThatThrownBy(() -> with("1:abc", "-1", "-2", null, List.of(1L))).hasMessageContaining("MEDIA_ROOT");
        assertThatThrownBy(() -> with("not-a-token", "-1", "-2", media, List.of(1L)))
                .hasMessageContaining("TELEGRAM_BOT_TOKEN");
        assertThatThrownBy(() -> with("1:abc", "-1", "-2", "/no/such/folder", List.of(1L)))
                .hasMessageContaining("MEDIA_ROOT");
    }

    @Test
    void account_chats_route_listed_accounts_and_refuse_typos_by_name() {
        AccountChats chats = new AccountChats("brand-a=-1001234, brand-b=@brandbteam");
        assertThat(chats.chatFor("brand-a", "-1")).isEqualTo("-1001234");
        assertThat(chats.chatFor("brand-b", "-1")).isEqualTo("@brandbteam");
        assertThat(chats.chatFor("other", "-1")).isEqualTo("-1");
        assertThat(new AccountChats("").chatFor("brand-a", "-1")).isEqualTo("-1");
        assertThatThrownBy(() -> new AccountChats("brand-a:-1001234"))
                .hasMessageContaining("TELEGRAM_ACCOUNT_CHATS")
                .hasMessageContaining("brand-a:-1001234");
        assertThatThrownBy(() -> new AccountChats("brand-a=-1,brand-a=-2")).hasMessageContaining("twice");
    }

    @Test
    void a_token_needs_someone_allowed_to_act_globally_or_for_an_account() {
        TelegramProperties nobody = with("1:abc", "-1", "-2", Posts.MEDIA_ROOT.toString(), List.of());
        assertThatThrownBy(() -> new TeamAccess(nobody, new AccountChats(""), new AccountUsers("")))
                .hasMessageContaining("TELEGRAM_ADMIN_USER_IDS")
                .hasMessageContaining("TELEGRAM_ACCOUNT_USERS");
        TeamAccess brandB = new TeamAccess(
                nobody, new AccountChats("brand-b=-1007"), new AccountUsers("brand-b:admin:7, brand-b:member:8"));
        assertThat(brandB.roleOf(7, "brand-b")).isEqualTo(Role.ADMIN);
        assertThat(brandB.roleOf(8, "brand-b")).isEqualTo(Role.MEMBER);
        assertThat(brandB.roleOf(7, "brand-a")).isEqualTo(Role.NONE);
        assertThat(brandB.isAdminSomewhere(8)).isFalse();
    }

    @Test
    void account_users_refuse_typos_by_name() {
        assertThatThrownBy(() -> new AccountUsers("brand-a:owner:1"))
                .hasMessageContaining("TELEGRAM_ACCOUNT_USERS")
                .hasMessageContaining("brand-a:owner:1");
        assertThatThrownBy(() -> new AccountUsers("brand-a=1")).hasMessageContaining("TELEGRAM_ACCOUNT_USERS");
        assertThatThrownBy(() -> new AccountUsers("brand-a:admin:1,brand-a:member:1"))
                .hasMessageContaining("twice");
    }

    @Test
    void never_shows_the_token() {
        TelegramProperties properties = with("123:very-secret", "-1", "-2", Posts.MEDIA_ROOT.toString(), List.of(1L));
        assertThat(properties.toString()).doesNotContain("very-secret");
        assertThat(properties.botId()).isEqualTo("123");
    }
}
