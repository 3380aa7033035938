package dev.storyline.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.PostContent;
import dev.storyline.contracts.events.TokenRefreshFailed;
import dev.storyline.contracts.events.TokenRefreshed;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.Samples;
import dev.storyline.token.crypto.AccessToken;
import dev.storyline.token.crypto.KeyRing;
import dev.storyline.token.crypto.TokenCipher;
import dev.storyline.token.crypto.TokenDecryptionException;
import dev.storyline.token.health.TokenMetrics;
import dev.storyline.token.ingest.EnvTokenBootstrap;
import dev.storyline.token.ingest.TokenIngest;
import dev.storyline.token.refresh.RefreshResult;
import dev.storyline.token.refresh.TokenRefresher;
import dev.storyline.token.store.KeyRotation;
import dev.storyline.token.store.LoginType;
import dev.storyline.token.store.NewToken;
import dev.storyline.token.store.StoredToken;
import dev.storyline.token.store.TokenStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

@TokenTest(
        properties = {
            "storyline.admin.token=test-admin-token",
            "storyline.graph.app-id=1234567890",
            "storyline.graph.app-secret=app-secret-xyz",
            "storyline.graph.max-attempts=3",
            "storyline.graph.initial-backoff=20ms",
            "storyline.graph.request-timeout=5s",
            "storyline.outbox.poll-interval=100ms",
            "storyline.consumer.initial-backoff=100ms",
            "storyline.account.id=envacct",
            "storyline.account.access-token=env-token-AAA111",
            "storyline.account.login-type=instagram_login"
        })
class TokenRefreshTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final GraphFake GRAPH = GraphFake.start();

    @DynamicPropertySource
    static void keysAndGraph(DynamicPropertyRegistry registry) {
        GRAPH.register(registry);
    }

    @AfterAll
    static void stopFake() {
        GRAPH.close();
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TokenStore store;

    @Autowired
    TokenIngest ingest;

    @Autowired
    TokenCipher cipher;

    @Autowired
    TokenRefresher refresher;

    @Autowired
    KeyRotation rotation;

    @Autowired
    TokenMetrics metrics;

    @Autowired
    EnvTokenBootstrap envBootstrap;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    RabbitTemplate rabbit;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private EventTap events;
    private String account;

    @BeforeEach
    void cleanSlate() {
        jdbc.sql("delete from api_tokens").update();
        jdbc.sql("delete from env_token_ingests").update();
        GRAPH.reset();
        account = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        events = EventTap.on(rabbit, "token.*", "admin.alert");
    }

    @AfterEach
    void closeTap() {
        events.close();
    }

    // ---- helpers ----

    private void put(String accountId, LoginType loginType, String token, Instant expiresAt) {
        ingest.put(new TokenIngest.Put(
                accountId, loginType, "17841400000", AccessToken.of(token), expiresAt, List.of(), "test"));
    }

    /** Makes the account's active token look issued {@code age} ago and expiring in {@code expiresIn}. */
    private void backdate(String accountId, Duration age, Duration expiresIn) {
        jdbc.sql(
                        "update api_tokens set issued_at = now() - make_interval(secs => :age), created_at = now() - make_interval(secs => :age), "
                                + "expires_at = now() + make_interval(secs => :exp), expiry_assumed = false "
                                + "where account_id = :a and revoked_at is null")
                .param("age", age.toSeconds())
                .param("exp", expiresIn.toSeconds())
                .param("a", accountId)
                .update();
    }

    private StoredToken active(String accountId) {
        return store.active(accountId).orElseThrow();
    }

    private String plaintext(String accountId) {
        return cipher.open(accountId, active(accountId).sealed()).reveal();
    }

    /** The next event of the type about the account, past those already awaited (and everything before them). */
    private <P extends EventPayload> EventEnvelope<P> awaitEvent(String accountId, Class<P> type) {
        return events.nextFor(accountId, type, WAIT);
    }

    private HttpResponse<String> admin(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- refresh scheduling ----

    @Test
    void refreshes_a_token_inside_the_buffer_once() {
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-old-token-1", null);
        backdate(account, Duration.ofDays(55), Duration.ofDays(5));
        awaitEvent(account, TokenRefreshed.class); // from the put
        GRAPH.script(GraphFake.ok("ig-new-token-2", Duration.ofDays(60).toSeconds()));

        RefreshResult first = refresher.refreshDue();
        RefreshResult second = refresher.refreshDue();

        assertThat(first.refreshed()).isEqualTo(1);
        assertThat(second.refreshed()).isZero();
        assertThat(GRAPH.calls()).hasSize(1);
        GraphFake.Call call = GRAPH.calls().getFirst();
        assertThat(call.path()).isEqualTo("/ig/refresh_access_token");
        assertThat(call.query())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("grant_type", "ig_refresh_token", "access_token", "ig-old-token-1"));
        assertThat(plaintext(account)).isEqualTo("ig-new-token-2");
        StoredToken stored = active(account);
        assertThat(stored.expiresAt())
                .isCloseTo(Instant.now().plus(Duration.ofDays(60)), within(Duration.ofMinutes(1)));
        assertThat(stored.lastRefreshedAt()).isNotNull();
        assertThat(stored.sealed().keyId()).isEqualTo("k2");
        EventEnvelope<TokenRefreshed> event = awaitEvent(account, TokenRefreshed.class);
        assertThat(event.payload().expiresAt()).isEqualTo(stored.expiresAt());
        assertThat(event.postId()).isNull();
    }

    @Test
    void does_not_refresh_a_token_outside_the_buffer() {
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-fresh-token", null);
        backdate(account, Duration.ofDays(20), Duration.ofDays(40));

        assertThat(refresher.refreshDue().refreshed()).isZero();
        assertThat(GRAPH.calls()).isEmpty();
    }

    @Test
    void does_not_refresh_a_token_younger_than_a_day_even_inside_the_buffer() {
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-young-token", null);
        backdate(account, Duration.ofHours(20), Duration.ofDays(2));

        assertThat(refresher.refreshDue().refreshed()).isZero();
        assertThat(GRAPH.calls()).isEmpty();

        backdate(account, Duration.ofHours(25), Duration.ofDays(2));
        assertThat(refresher.refreshDue().refreshed()).isEqualTo(1);
    }

    @Test
    void a_token_of_unknown_expiry_is_refreshed_once_old_enough_to_learn_its_real_expiry() {
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-pasted-token", null);
        assertThat(active(account).expiryAssumed()).isTrue();
        assertThat(refresher.refreshDue().refreshed()).isZero();
        jdbc.sql("update api_tokens set issued_at = now() - interval '25 hours' where account_id = :a")
                .param("a", account)
                .update();

        assertThat(refresher.refreshDue().refreshed()).isEqualTo(1);
        assertThat(active(account).expiryAssumed()).isFalse();
    }

    @Test
    void refreshes_facebook_login_tokens_on_the_facebook_host_with_the_app_credentials() {
        put(account, LoginType.FACEBOOK_LOGIN, "fb-old-token", null);
        backdate(account, Duration.ofDays(58), Duration.ofDays(2));
        GRAPH.script(GraphFake.ok("fb-new-token", 5_183_944));

        assertThat(refresher.refreshDue().refreshed()).isEqualTo(1);

        GraphFake.Call call = GRAPH.calls().getFirst();
        assertThat(call.path()).isEqualTo("/fb/v25.0/oauth/access_token");
        assertThat(call.query())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "grant_type",
                        "fb_exchange_token",
                        "client_id",
                        "1234567890",
                        "client_secret",
                        "app-secret-xyz",
                        "fb_exchange_token",
                        "fb-old-token"));
        assertThat(plaintext(account)).isEqualTo("fb-new-token");
    }

    @Test
    void two_refreshers_racing_call_meta_once() throws Exception {
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-raced-token", null);
        backdate(account, Duration.ofDays(55), Duration.ofDays(5));
        GRAPH.otherwise(call ->
                GraphFake.slow(GraphFake.ok("ig-after-race-" + UUID.randomUUID(), 5_184_000), Duration.ofMillis(700)));

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<RefreshResult>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(pool.submit((Callable<RefreshResult>) () -> {
                start.await();
                return refresher.refreshDue();
            }));
        }
        int refreshed = 0;
        for (Future<RefreshResult> result : results) {
            refreshed += result.get().refreshed();
        }
        pool.shutdown();

        assertThat(refreshed).isEqualTo(1);
        assertThat(GRAPH.calls()).hasSize(1);
    }

    // ---- failure, alert, healing ----

    @Test
    void a_refused_refresh_alerts_and_marks_the_token_failed_until_a_new_token_is_put() throws Exception {
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-dead-token", null);
        backdate(account, Duration.ofDays(59), Duration.ofHours(20));
        awaitEvent(account, TokenRefreshed.class);
        GRAPH.otherwise(call -> GraphFake.oauthError("Error validating access token: Session has expired"));

        RefreshResult result = refresher.refreshDue();

        assertThat(result.failed()).isEqualTo(1);
        assertThat(GRAPH.calls()).as("a 4xx refusal is not retried").hasSize(1);
        EventEnvelope<TokenRefreshFailed> failed = awaitEvent(account, TokenRefreshFailed.class);
        assertThat(failed.payload().reason()).contains("HTTP 400", "OAuthException", "190/463", "Session has expired");
        assertThat(failed.payload().attempts()).isEqualTo(1);
        EventEnvelope<AdminAlert> alert = awaitEvent(account, AdminAlert.class);
        assertThat(alert.payload().severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(alert.payload().alertKey()).isEqualTo("token-refresh-failed:" + account);
        assertThat(alert.payload().text()).contains(account, "Telegram");
        assertThat(refresher.refreshDue().failed())
                .as("no second call before the retry-after-failure delay")
                .isZero();
        assertThat(GRAPH.calls()).hasSize(1);
        HttpResponse<String> health = admin("GET", "/api/accounts/" + account + "/token", null, "test-admin-token");
        assertThat(health.body()).contains("\"state\":\"refresh_failed\"", "\"valid\":false");

        HttpResponse<String> put = admin(
                "PUT",
                "/api/accounts/" + account + "/token",
                "{\"accessToken\":\"ig-brand-new-token\",\"loginType\":\"instagram_login\"}",
                "test-admin-token");

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).contains("\"state\":\"ok\"", "\"valid\":true").doesNotContain("ig-brand-new-token");
        EventEnvelope<TokenRefreshed> healed = awaitEvent(account, TokenRefreshed.class);
        assertThat(healed.payload().expiresAt()).isAfter(Instant.now().plus(Duration.ofDays(59)));
        assertThat(plaintext(account)).isEqualTo("ig-brand-new-token");
    }

    @Test
    void a_server_error_is_retried_with_backoff_then_reported_as_a_failure() {
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-token-500", null);
        backdate(account, Duration.ofDays(57), Duration.ofDays(3));
        GRAPH.otherwise(call -> GraphFake.serverError());

        assertThat(refresher.refreshDue().failed()).isEqualTo(1);

        assertThat(GRAPH.calls()).hasSize(3);
        EventEnvelope<TokenRefreshFailed> failed = awaitEvent(account, TokenRefreshFailed.class);
        assertThat(failed.payload().attempts()).isEqualTo(3);
        assertThat(failed.payload().reason()).contains("HTTP 500");
        awaitEvent(account, AdminAlert.class);
    }

    @Test
    void a_transient_error_followed_by_success_refreshes() {
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-token-flaky", null);
        backdate(account, Duration.ofDays(57), Duration.ofDays(3));
        GRAPH.script(GraphFake.serverError(), GraphFake.ok("ig-token-after-flake", 5_184_000));

        assertThat(refresher.refreshDue().refreshed()).isEqualTo(1);
        assertThat(GRAPH.calls()).hasSize(2);
        assertThat(plaintext(account)).isEqualTo("ig-token-after-flake");
    }

    @Test
    void a_token_expired_signal_checks_the_token_at_once() {
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-signal-token", null);
        backdate(account, Duration.ofDays(10), Duration.ofDays(50));
        awaitEvent(account, TokenRefreshed.class);
        GRAPH.otherwise(call ->
                GraphFake.oauthError("Error validating access token: The user has not authorized application."));
        PostContent content = Samples.content();
        EventEnvelope<FallbackRequested> signal = EventEnvelope.forPost(
                account,
                UUID.randomUUID(),
                new FallbackRequested(content, FallbackReason.TOKEN_EXPIRED, "code 190", null));

        events.publish(signal);
        events.publish(signal.followedBy(signal.payload()));

        EventEnvelope<TokenRefreshFailed> failed = awaitEvent(account, TokenRefreshFailed.class);
        assertThat(failed.payload().reason()).contains("not authorized");
        assertThat(GRAPH.calls()).as("the second signal falls in the cooldown").hasSize(1);
        assertThat(GRAPH.calls().getFirst().path()).isEqualTo("/ig/refresh_access_token");
    }

    @Test
    void a_token_expired_signal_from_before_the_last_refresh_is_ignored_not_reported_as_a_dead_token() {
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-refreshed-token", null);
        awaitEvent(account, TokenRefreshed.class);
        // created ten days ago, refreshed half an hour ago (past the signal cooldown, younger than the minimum age)
        jdbc.sql(
                        "update api_tokens set created_at = now() - interval '10 days', issued_at = now() - interval '30 minutes', "
                                + "last_refreshed_at = now() - interval '30 minutes', last_refresh_attempt_at = now() - interval '30 minutes' "
                                + "where account_id = :a and revoked_at is null")
                .param("a", account)
                .update();

        EventEnvelope<FallbackRequested> signal = tokenExpired(Instant.now().minus(Duration.ofMinutes(40)), null);
        sendAndAwaitProcessed(signal);

        assertThat(eventsSent(account))
                .as("no refresh failure, no CRITICAL alert")
                .isEmpty();
        assertThat(GRAPH.calls()).isEmpty();
    }

    @Test
    void a_token_expired_signal_about_an_older_generation_is_ignored() {
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-first", null);
        long first = jdbc.sql("select generation from api_tokens where account_id = :a and revoked_at is null")
                .param("a", account)
                .query(Long.class)
                .single();
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-second", null);
        awaitEvent(account, TokenRefreshed.class);
        awaitEvent(account, TokenRefreshed.class);
        assertThat(jdbc.sql("select generation from api_tokens where account_id = :a and revoked_at is null")
                        .param("a", account)
                        .query(Long.class)
                        .single())
                .isGreaterThan(first);

        // a post that still used the first token reports it rejected after the second was put
        sendAndAwaitProcessed(tokenExpired(Instant.now(), first));

        assertThat(eventsSent(account)).isEmpty();
        assertThat(GRAPH.calls()).isEmpty();
    }

    private EventEnvelope<FallbackRequested> tokenExpired(Instant occurredAt, Long generation) {
        PostContent content = Samples.content();
        UUID post = UUID.randomUUID();
        return new EventEnvelope<>(
                UUID.randomUUID(),
                "FallbackRequested",
                1,
                occurredAt,
                account,
                post,
                post,
                new FallbackRequested(content, FallbackReason.TOKEN_EXPIRED, "code 190", null, generation));
    }

    /** Events of the account the relay has published since the last one awaited. */
    private List<EventEnvelope<EventPayload>> eventsSent(String accountId) {
        Eventually.await(
                WAIT,
                "outbox relayed",
                () -> jdbc.sql("select count(*) from outbox where published_at is null")
                                .query(Integer.class)
                                .single()
                        == 0);
        return events.moreWithin(Duration.ofMillis(500)).stream()
                .filter(e -> accountId.equals(e.accountId()))
                .toList();
    }

    private void sendAndAwaitProcessed(EventEnvelope<?> event) {
        events.publish(event);
        Eventually.await(
                WAIT,
                "signal processed",
                () -> jdbc.sql("select count(*) from inbox where event_id = :e")
                                .param("e", event.eventId())
                                .query(Integer.class)
                                .single()
                        > 0);
    }

    @Test
    void revoking_a_token_reports_it_failed_so_posts_go_to_telegram() throws Exception {
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-revoke-me", null);

        HttpResponse<String> revoked = admin("DELETE", "/api/accounts/" + account + "/token", null, "test-admin-token");

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body()).contains("\"state\":\"revoked\"");
        assertThat(store.active(account)).isEmpty();
        assertThat(awaitEvent(account, TokenRefreshFailed.class).payload().reason())
                .contains("revoked");
    }

    @Test
    void a_revocation_names_who_asked_for_it_and_refuses_free_text() throws Exception {
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-revoke-by-meta", null);

        HttpResponse<String> refused =
                admin("DELETE", "/api/accounts/" + account + "/token?by=Meta%20said%20so", null, "test-admin-token");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"by\"").contains("lower case");
        assertThat(store.active(account)).isPresent();

        HttpResponse<String> revoked =
                admin("DELETE", "/api/accounts/" + account + "/token?by=meta-deauthorize", null, "test-admin-token");
        assertThat(revoked.statusCode()).isEqualTo(200);
        TokenRefreshFailed failed =
                awaitEvent(account, TokenRefreshFailed.class).payload();
        assertThat(failed.reason()).isEqualTo("token revoked by meta-deauthorize");
        assertThat(failed.revokedBy()).isEqualTo("meta-deauthorize");
    }

    // ---- crypto at rest ----

    @Test
    void rotation_reencrypts_mixed_old_and_new_ciphertexts_with_the_newest_key() {
        TokenCipher oldCipher = new TokenCipher(KeyRing.parse(TestKeys.OLD));
        String other = account + "-b";
        transactions.executeWithoutResult(status -> {
            for (String a : List.of(account, other)) {
                store.replace(
                        new NewToken(
                                a,
                                LoginType.INSTAGRAM_LOGIN,
                                null,
                                oldCipher.seal(a, AccessToken.of("old-key-token-" + a)),
                                Instant.now(),
                                Instant.now().plus(Duration.ofDays(30)),
                                false,
                                List.of(),
                                "test"),
                        Instant.now());
            }
        });
        String third = account + "-c";
        put(third, LoginType.INSTAGRAM_LOGIN, "new-key-token", null);
        assertThat(jdbc.sql("select key_id from api_tokens order by key_id")
                        .query(String.class)
                        .list())
                .containsExactly("k1", "k1", "k2");

        KeyRotation.Report report = rotation.rotate();

        assertThat(report.newestKeyId()).isEqualTo("k2");
        assertThat(report.reencrypted()).isEqualTo(2);
        assertThat(jdbc.sql("select distinct key_id from api_tokens")
                        .query(String.class)
                        .list())
                .containsExactly("k2");
        TokenCipher newOnly = new TokenCipher(KeyRing.parse(TestKeys.NEW));
        assertThat(newOnly.open(account, active(account).sealed()).reveal()).isEqualTo("old-key-token-" + account);
        assertThat(newOnly.open(other, active(other).sealed()).reveal()).isEqualTo("old-key-token-" + other);
        assertThat(newOnly.open(third, active(third).sealed()).reveal()).isEqualTo("new-key-token");
        assertThat(rotation.rotate().reencrypted()).isZero();
    }

    @Test
    void a_tampered_ciphertext_is_rejected_and_reported_without_the_token() {
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-tamper-victim", null);
        backdate(account, Duration.ofDays(55), Duration.ofDays(5));
        jdbc.sql(
                        "update api_tokens set ciphertext = set_byte(ciphertext, 1, get_byte(ciphertext, 1) # 1) where account_id = :a")
                .param("a", account)
                .update();

        assertThatThrownBy(() -> plaintext(account))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessageContaining("failed authentication")
                .hasMessageNotContaining("ig-tamper-victim");
        assertThat(refresher.refreshDue().failed()).isEqualTo(1);
        assertThat(GRAPH.calls()).isEmpty();
        assertThat(awaitEvent(account, TokenRefreshFailed.class).payload().reason())
                .contains("failed authentication");
    }

    // ---- ingest, admin API, metric ----

    @Test
    void the_environment_token_is_stored_once_and_not_put_back_over_a_refreshed_one() {
        assertThat(envBootstrap.ingestFromEnvironment()).isTrue();
        assertThat(plaintext("envacct")).isEqualTo("env-token-AAA111");
        assertThat(awaitEvent("envacct", TokenRefreshed.class)).isNotNull();
        backdate("envacct", Duration.ofDays(55), Duration.ofDays(5));
        GRAPH.script(GraphFake.ok("env-token-refreshed", 5_184_000));
        refresher.refreshDue();

        assertThat(envBootstrap.ingestFromEnvironment())
                .as("a restart with the same variable")
                .isFalse();
        assertThat(plaintext("envacct")).isEqualTo("env-token-refreshed");

        ingest.revoke("envacct", "test");
        assertThat(envBootstrap.ingestFromEnvironment())
                .as("a revoked env token is not put back")
                .isFalse();
        assertThat(store.active("envacct")).isEmpty();
    }

    @Test
    void the_admin_api_needs_the_admin_token_and_never_answers_with_a_token() throws Exception {
        assertThat(admin("GET", "/api/tokens", null, null).statusCode()).isEqualTo(401);
        assertThat(admin("GET", "/api/tokens", null, "wrong").statusCode()).isEqualTo(401);
        assertThat(admin("PUT", "/api/accounts/" + account + "/token", "{\"accessToken\":\"sneaky\"}", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(store.active(account)).isEmpty();

        HttpResponse<String> put = admin(
                "PUT",
                "/api/accounts/" + account + "/token",
                "{\"accessToken\":\"ig-admin-put-token\",\"loginType\":\"facebook_login\",\"instagramUserId\":\"178414\","
                        + "\"expiresAt\":\"" + Instant.now().plus(Duration.ofDays(30))
                        + "\",\"scopes\":[\"instagram_basic\"]}",
                "test-admin-token");
        HttpResponse<String> all = admin("GET", "/api/tokens", null, "test-admin-token");
        HttpResponse<String> broken = admin(
                "PUT",
                "/api/accounts/" + account + "/token",
                "{\"accessToken\": ig-unquoted-token}",
                "test-admin-token");

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body())
                .contains("\"loginType\":\"facebook_login\"", "\"expiryAssumed\":false")
                .doesNotContain("ig-admin-put-token");
        assertThat(all.body()).contains(account).doesNotContain("ig-admin-put-token");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).doesNotContain("ig-unquoted-token");
        assertThat(active(account).scopes()).containsExactly("instagram_basic");
        assertThat(admin(
                                "PUT",
                                "/api/accounts/" + account + "/token",
                                "{\"accessToken\":\"x\",\"loginType\":\"myspace\"}",
                                "test-admin-token")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> rotate = admin("POST", "/api/tokens/rotate-keys", null, "test-admin-token");
        assertThat(rotate.statusCode()).isEqualTo(200);
        assertThat(rotate.body()).contains("\"newestKeyId\":\"k2\"");
    }

    @Test
    void replacing_a_token_with_only_the_access_token_keeps_the_login_type_and_user_id_of_the_account()
            throws Exception {
        HttpResponse<String> first = admin(
                "PUT",
                "/api/accounts/" + account + "/token",
                "{\"accessToken\":\"fb-first-token\",\"loginType\":\"facebook_login\",\"instagramUserId\":\"178414555\"}",
                "test-admin-token");
        HttpResponse<String> replaced = admin(
                "PUT",
                "/api/accounts/" + account + "/token",
                "{\"accessToken\":\"fb-second-token\"}",
                "test-admin-token");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(active(account).loginType()).isEqualTo(LoginType.FACEBOOK_LOGIN);
        assertThat(active(account).instagramUserId()).isEqualTo("178414555");
        assertThat(plaintext(account)).isEqualTo("fb-second-token");
    }

    @Test
    void a_new_account_put_without_a_login_type_gets_the_configured_default() throws Exception {
        HttpResponse<String> put = admin(
                "PUT",
                "/api/accounts/" + account + "/token",
                "{\"accessToken\":\"plain-token\",\"instagramUserId\":\"1784\"}",
                "test-admin-token");

        assertThat(put.statusCode()).isEqualTo(200);
        // this test context sets INSTAGRAM_LOGIN_TYPE=instagram_login; the shipped default is facebook_login
        assertThat(active(account).loginType()).isEqualTo(LoginType.INSTAGRAM_LOGIN);
    }

    @Test
    void changing_the_login_type_needs_the_instagram_user_id() throws Exception {
        admin(
                "PUT",
                "/api/accounts/" + account + "/token",
                "{\"accessToken\":\"fb-token\",\"loginType\":\"facebook_login\",\"instagramUserId\":\"178414555\"}",
                "test-admin-token");

        HttpResponse<String> refused = admin(
                "PUT",
                "/api/accounts/" + account + "/token",
                "{\"accessToken\":\"ig-token\",\"loginType\":\"instagram_login\"}",
                "test-admin-token");
        HttpResponse<String> changed = admin(
                "PUT",
                "/api/accounts/" + account + "/token",
                "{\"accessToken\":\"ig-token\",\"loginType\":\"instagram_login\",\"instagramUserId\":\"2600\"}",
                "test-admin-token");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("instagramUserId", "loginType").doesNotContain("ig-token");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(active(account).loginType()).isEqualTo(LoginType.INSTAGRAM_LOGIN);
        assertThat(active(account).instagramUserId()).isEqualTo("2600");
    }

    @Test
    void hours_to_expiry_are_exposed_per_account() {
        put(account, LoginType.INSTAGRAM_LOGIN, "ig-metric-token", Instant.now().plus(Duration.ofHours(72)));

        metrics.update();

        assertThat(meters.get("storyline_token_hours_to_expiry")
                        .tag("account", account)
                        .gauge()
                        .value())
                .isCloseTo(72.0, within(0.1));
        ingest.revoke(account, "test");
        metrics.update();
        assertThat(meters.find("storyline_token_hours_to_expiry")
                        .tag("account", account)
                        .gauge())
                .isNull();
    }
}
