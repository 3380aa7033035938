package dev.storyline.telegram;

import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.fakes.FakeBotApi;
import java.time.Duration;
import java.util.List;

/** Writing in a chat with the bot and reading its answer there. */
final class Chats {

    private Chats() {}

    /** Says {@code text} in {@code chat} and returns the bot's next answer in that chat. */
    static FakeBotApi.Call ask(FakeBotApi telegram, long chat, long user, String text) {
        return ask(telegram, chat, user, "user" + user, text);
    }

    static FakeBotApi.Call ask(FakeBotApi telegram, long chat, long user, String username, String text) {
        int before = answersIn(telegram, chat).size();
        telegram.say(user, username, chat, text);
        return Eventually.await(
                        Duration.ofSeconds(20),
                        "answer to " + text,
                        () -> answersIn(telegram, chat),
                        calls -> calls.size() > before)
                .get(before);
    }

    static List<FakeBotApi.Call> answersIn(FakeBotApi telegram, long chat) {
        return telegram.calls(
                c -> c.method().equals("sendMessage") && String.valueOf(chat).equals(c.param("chat_id")));
    }
}
