package dev.storyline.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheduler's account routes that Connect Instagram uses, for {@link FakeSchedulerApi}: read one account,
 * create one ({@code POST /api/accounts}, 409 when the id is taken, 400 naming the field) and change one
 * ({@code PATCH}). Accounts created here are listed after the fake's own "default".
 */
final class FakeAccountRoutes {

    /** An answer for the fake to send: a body, or a problem detail when the status is 400 or more. */
    record Answer(int status, Object body) {}

    private static final Pattern ONE = Pattern.compile("/api/accounts/([^/]+)");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Map<String, Object>> added = new ConcurrentHashMap<>();
    private final Map<String, Object> defaultChanges = new ConcurrentHashMap<>();

    void reset() {
        added.clear();
        defaultChanges.clear();
    }

    /** Lists one more account, as if created earlier. */
    void list(String id, Map<String, Object> account) {
        added.put(id, account);
    }

    Map<String, Object> added(String id) {
        return added.get(id);
    }

    /** The fields PATCHed onto "default". */
    Map<String, Object> defaultChanges() {
        return Map.copyOf(defaultChanges);
    }

    /** The answer for this call, or null when it is not one of these routes. */
    Answer route(FakeSchedulerApi.Call call, Map<String, Object> defaultAccount) throws IOException {
        Map<String, Object> own = new LinkedHashMap<>(defaultAccount);
        own.putAll(defaultChanges);
        if (call.path().equals("/api/accounts") && call.method().equals("GET")) {
            List<Object> all = new ArrayList<>();
            all.add(own);
            all.addAll(added.values());
            return new Answer(200, all);
        }
        if (call.path().equals("/api/accounts") && call.method().equals("POST")) {
            Map<String, Object> body = json.readValue(call.body(), new TypeReference<>() {});
            Object id = body.get("id");
            if (!(id instanceof String s) || !s.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
                return new Answer(400, "id: 1 to 63 lower-case letters, digits, - or _");
            }
            if (s.equals("default") || added.containsKey(s)) {
                return new Answer(409, "account '" + s + "' exists already");
            }
            Map<String, Object> account = new LinkedHashMap<>(body);
            account.put("tokenHealthy", true);
            account.put("paused", false);
            account.put("postsPerDay", 6);
            account.put("warnings", List.of());
            added.put(s, account);
            return new Answer(201, account);
        }
        Matcher m = ONE.matcher(call.path());
        if (!m.matches() || !(call.method().equals("GET") || call.method().equals("PATCH"))) {
            return null;
        }
        Map<String, Object> account = m.group(1).equals("default") ? own : added.get(m.group(1));
        if (account == null) {
            return new Answer(404, "no account '" + m.group(1) + "'");
        }
        if (call.method().equals("PATCH")) {
            Map<String, Object> change = json.readValue(call.body(), new TypeReference<>() {});
            (m.group(1).equals("default") ? defaultChanges : account).putAll(change);
            account.putAll(change);
        }
        return new Answer(200, account);
    }
}
