package dev.storyline.console.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.console.meta.MetaCallbackHttp.MetaAccount;
import dev.storyline.console.meta.MetaCallbackLog.Entry;
import dev.storyline.console.meta.MetaCallbackLog.Kind;
import dev.storyline.console.meta.MetaCallbackLog.State;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What Storyline does when a person removes the app or asks for their data to be deleted: for every
 * account of that Instagram user, switch its Graph API route off (its posts go to Telegram for posting by
 * hand) and delete its token at token-worker, whose revocation event alerts the admins on Telegram. A
 * request Meta sends again finds its row finished and changes nothing; one whose steps failed is retried.
 */
@Service
class MetaCallbacks {

    private static final Logger log = LoggerFactory.getLogger(MetaCallbacks.class);

    /** Off: META_APP_SECRET is not set. */
    static final class NotConfigured extends RuntimeException {
        NotConfigured() {
            super("META_APP_SECRET is not set", null, false, false);
        }
    }

    private final MetaCallbackProperties properties;
    private final MetaCallbackHttp http;
    private final MetaCallbackLog callbacks;
    private final ObjectMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    MetaCallbacks(
            MetaCallbackProperties properties,
            MetaCallbackHttp http,
            MetaCallbackLog callbacks,
            ObjectMapper json,
            Clock clock) {
        this.properties = properties;
        this.http = http;
        this.callbacks = callbacks;
        this.json = json;
        this.clock = clock;
    }

    /** Throws {@link SignedRequest.Invalid} for a request Meta did not sign, before anything changes. */
    SignedRequest verify(String signedRequest) {
        if (!properties.configured()) {
            throw new NotConfigured();
        }
        return SignedRequest.verify(
                signedRequest, properties.appSecret().strip().getBytes(StandardCharsets.UTF_8), json);
    }

    /** The recorded outcome; throws {@link MetaCallbackHttp.Unavailable} when a step could not be done. */
    Entry handle(Kind kind, SignedRequest request) {
        String code = kind == Kind.DATA_DELETION ? HexFormat.of().formatHex(randomBytes()) : null;
        Entry entry = callbacks.receive(kind, request.requestKey(), code, clock.instant());
        if (entry.finished()) {
            log.info("Meta {} request {} was handled already; nothing changes", kind, entry.id());
            return entry;
        }
        List<String> accounts = http.accounts().stream()
                .filter(a -> request.userId().equals(a.instagramUserId()))
                .map(MetaAccount::id)
                .toList();
        if (accounts.isEmpty()) {
            // the user id is personal data and not logged; the request's number finds the row
            log.info(
                    "Meta {} request {}: no Storyline account has this Instagram user; nothing changes",
                    kind,
                    entry.id());
            callbacks.finish(entry.id(), State.NOTHING_HELD, 0, 0, clock.instant());
            return reread(kind, request);
        }
        int deleted = 0;
        for (String account : accounts) {
            // API off first: from this moment no post of the account goes to Instagram's API
            http.switchApiOff(account);
            // the admins' alert says Meta asked for it, not that a refresh failed
            if (http.deleteToken(account, kind == Kind.DEAUTHORIZE ? "meta-deauthorize" : "meta-data-deletion")) {
                deleted++;
            }
            log.warn("Meta {} request {}: account '{}' switched to Telegram, token deleted", kind, entry.id(), account);
        }
        callbacks.finish(entry.id(), State.DONE, accounts.size(), deleted, clock.instant());
        return reread(kind, request);
    }

    private Entry reread(Kind kind, SignedRequest request) {
        return callbacks.find(kind, request.requestKey());
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }
}
