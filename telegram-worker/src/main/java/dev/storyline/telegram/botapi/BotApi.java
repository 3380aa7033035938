package dev.storyline.telegram.botapi;

import dev.storyline.telegram.TelegramProperties;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.send.SendVideo;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageCaption;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/**
 * The Bot API calls this worker makes, through telegrambots' OkHttp client (its {@link TelegramUrl}
 * makes the host overridable, so tests talk to a wire fake). Every call is bounded by timeouts
 * and every failure comes back as a classified {@link BotApiException}.
 * Long polling uses a separate client whose read timeout outlasts the poll.
 *
 * <p>Longer than 300 lines on purpose: every Bot API method the worker uses goes through this one class,
 * so each call is bounded and its failure classified the same way.
 */
@Component
public class BotApi {

    private final TelegramProperties properties;
    private final OkHttpTelegramClient client;
    private final OkHttpTelegramClient pollingClient;

    public BotApi(TelegramProperties properties) {
        this.properties = properties;
        if (properties.logOnly()) {
            this.client = null;
            this.pollingClient = null;
            return;
        }
        TelegramUrl url = telegramUrl(properties.apiBaseUrl());
        TelegramProperties.Send send = properties.send();
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(send.connectTimeout())
                .readTimeout(send.callTimeout())
                .writeTimeout(send.callTimeout())
                .callTimeout(send.callTimeout())
                .build();
        Duration poll = properties.polling().timeout();
        OkHttpClient polling = http.newBuilder()
                .readTimeout(poll.plusSeconds(10))
                .callTimeout(poll.plusSeconds(15))
                .build();
        this.client = new OkHttpTelegramClient(http, properties.botToken(), url);
        this.pollingClient = new OkHttpTelegramClient(polling, properties.botToken(), url);
    }

    static TelegramUrl telegramUrl(String baseUrl) {
        URI uri = URI.create(baseUrl);
        int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        return new TelegramUrl(uri.getScheme(), uri.getHost(), port, false);
    }

    public Message sendPhoto(String chatId, Path file, String caption, InlineKeyboardMarkup keyboard)
            throws BotApiException {
        return call(
                "sendPhoto",
                () -> client().executeAsync(SendPhoto.builder()
                        .chatId(chatId)
                        .photo(new InputFile(file.toFile(), file.getFileName().toString()))
                        .caption(caption)
                        .replyMarkup(keyboard)
                        .build()));
    }

    public Message sendVideo(String chatId, Path file, String caption, InlineKeyboardMarkup keyboard)
            throws BotApiException {
        return call(
                "sendVideo",
                () -> client().executeAsync(SendVideo.builder()
                        .chatId(chatId)
                        .video(new InputFile(file.toFile(), file.getFileName().toString()))
                        .supportsStreaming(true)
                        .caption(caption)
                        .replyMarkup(keyboard)
                        .build()));
    }

    public Message sendDocument(String chatId, Path file, String caption, InlineKeyboardMarkup keyboard)
            throws BotApiException {
        return call(
                "sendDocument",
                () -> client().executeAsync(SendDocument.builder()
                        .chatId(chatId)
                        .document(
                                new InputFile(file.toFile(), file.getFileName().toString()))
                        .caption(caption)
                        .replyMarkup(keyboard)
                        .build()));
    }

    /** Plain text, no parse mode: user content (captions, Meta's messages) needs no escaping. */
    public Message sendMessage(String chatId, String text, InlineKeyboardMarkup keyboard) throws BotApiException {
        return call(
                "sendMessage",
                () -> client().executeAsync(SendMessage.builder()
                        .chatId(chatId)
                        .text(text)
                        .replyMarkup(keyboard)
                        .build()));
    }

    /** A null keyboard removes the buttons. */
    public void editCaption(String chatId, long messageId, String caption, InlineKeyboardMarkup keyboard)
            throws BotApiException {
        call(
                "editMessageCaption",
                () -> client().executeAsync(EditMessageCaption.builder()
                        .chatId(chatId)
                        .messageId(Math.toIntExact(messageId))
                        .caption(caption)
                        .replyMarkup(keyboard)
                        .build()));
    }

    public void editText(String chatId, long messageId, String text, InlineKeyboardMarkup keyboard)
            throws BotApiException {
        call(
                "editMessageText",
                () -> client().executeAsync(EditMessageText.builder()
                        .chatId(chatId)
                        .messageId(Math.toIntExact(messageId))
                        .text(text)
                        .replyMarkup(keyboard)
                        .build()));
    }

    public void editKeyboard(String chatId, long messageId, InlineKeyboardMarkup keyboard) throws BotApiException {
        call(
                "editMessageReplyMarkup",
                () -> client().executeAsync(EditMessageReplyMarkup.builder()
                        .chatId(chatId)
                        .messageId(Math.toIntExact(messageId))
                        .replyMarkup(keyboard)
                        .build()));
    }

    public void answerCallback(String callbackQueryId, String text, boolean alert) throws BotApiException {
        call(
                "answerCallbackQuery",
                () -> client().executeAsync(AnswerCallbackQuery.builder()
                        .callbackQueryId(callbackQueryId)
                        .text(text == null || text.isEmpty() ? null : truncate(text, 200))
                        .showAlert(alert)
                        .build()));
    }

    /** The command menu Telegram shows in every chat with the bot. */
    public void setMyCommands(List<BotCommand> commands) throws BotApiException {
        call(
                "setMyCommands",
                () -> client().executeAsync(
                                SetMyCommands.builder().commands(commands).build()));
    }

    /** Long poll; only button taps and messages (the commands) are asked for. {@code offset} confirms everything before it. */
    public List<Update> getUpdates(Integer offset, Duration timeout) throws BotApiException {
        if (pollingClient == null) {
            throw new IllegalStateException("log-only mode: no Bot API client");
        }
        return call(
                "getUpdates",
                timeout.plusSeconds(20),
                () -> pollingClient.executeAsync(GetUpdates.builder()
                        .offset(offset)
                        .timeout((int) timeout.toSeconds())
                        .limit(100)
                        .allowedUpdates(List.of("callback_query", "message"))
                        .build()));
    }

    private OkHttpTelegramClient client() {
        if (client == null) {
            throw new IllegalStateException("log-only mode: no Bot API client");
        }
        return client;
    }

    private interface Call<T> {
        CompletableFuture<T> start() throws TelegramApiException;
    }

    /**
     * Bounded end to end: the client's call timeout should end a call whose answer stalls halfway, but a
     * failure while its body is read can leave the client's future incomplete for good. The future is
     * awaited at most {@code bound} and dropped after it; the outcome is then unknown.
     */
    private <T> T call(String method, Call<T> call) throws BotApiException {
        return call(method, properties.send().callTimeout().plusSeconds(2), call);
    }

    private <T> T call(String method, Duration bound, Call<T> call) throws BotApiException {
        CompletableFuture<T> future;
        try {
            future = call.start();
        } catch (TelegramApiException | RuntimeException e) {
            return classify(method, e);
        }
        try {
            return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return failure(
                    BotApiException.Kind.UNCONFIRMED,
                    null,
                    null,
                    method + " failed: no complete answer within " + bound.toMillis() + " ms",
                    e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return failure(BotApiException.Kind.UNCONFIRMED, null, null, method + " interrupted", e);
        } catch (ExecutionException e) {
            return classify(method, e.getCause() == null ? e : e.getCause());
        }
    }

    private <T> T classify(String method, Throwable failure) throws BotApiException {
        if (failure instanceof TelegramApiRequestException e) {
            Integer code = e.getErrorCode();
            String message = method + " failed: "
                    + redact(
                            code == null || e.getApiResponse() == null
                                    ? e.getMessage()
                                    : "[" + code + "] " + e.getApiResponse());
            if (code == null) {
                // no API answer: network trouble, a timeout or a body that is not the Bot API's JSON
                return failure(
                        neverSent(e.getCause()) ? BotApiException.Kind.TRANSIENT : BotApiException.Kind.UNCONFIRMED,
                        null,
                        null,
                        message,
                        e);
            }
            if (code == 429) {
                Integer seconds =
                        e.getParameters() == null ? null : e.getParameters().getRetryAfter();
                return failure(
                        BotApiException.Kind.RATE_LIMITED,
                        code,
                        Duration.ofSeconds(seconds == null ? 1 : seconds),
                        message,
                        e);
            }
            if (code == 409) {
                return failure(BotApiException.Kind.CONFLICT, code, null, message, e);
            }
            return failure(
                    code >= 500 ? BotApiException.Kind.TRANSIENT : BotApiException.Kind.PERMANENT,
                    code,
                    null,
                    message,
                    e);
        }
        if (failure instanceof TelegramApiValidationException e) {
            return failure(
                    BotApiException.Kind.PERMANENT, null, null, method + " is invalid: " + redact(e.getMessage()), e);
        }
        Throwable io = failure instanceof java.io.IOException ? failure : failure.getCause();
        String detail = io != null ? io.toString() : failure.toString();
        BotApiException.Kind kind = neverSent(io) ? BotApiException.Kind.TRANSIENT : BotApiException.Kind.UNCONFIRMED;
        return failure(kind, null, null, method + " failed: " + redact(detail), failure);
    }

    /**
     * Only a failure to reach Telegram at all proves the request was not delivered; a timeout or a
     * connection lost later may come after Telegram acted on it.
     */
    static boolean neverSent(Throwable cause) {
        return cause instanceof java.net.ConnectException
                || cause instanceof java.net.UnknownHostException
                || cause instanceof java.net.NoRouteToHostException
                || cause instanceof javax.net.ssl.SSLHandshakeException;
    }

    private <T> T failure(BotApiException.Kind kind, Integer code, Duration retryAfter, String message, Throwable cause)
            throws BotApiException {
        // The cause is dropped on purpose: OkHttp exceptions may quote the request URL, which holds the token.
        throw new BotApiException(kind, code, retryAfter, message);
    }

    private String redact(String text) {
        if (text == null) {
            return "";
        }
        return properties.logOnly() ? text : text.replace(properties.botToken(), "<token>");
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
