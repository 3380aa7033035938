package dev.storyline.console.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.console.scheduler.SchedulerApi.Account;
import dev.storyline.console.scheduler.SchedulerApi.AccountLink;
import dev.storyline.console.scheduler.SchedulerApi.HistoryEntry;
import dev.storyline.console.scheduler.SchedulerApi.NewAccount;
import dev.storyline.console.scheduler.SchedulerApi.PostNext;
import dev.storyline.console.scheduler.SchedulerApi.Resolution;
import dev.storyline.console.scheduler.SchedulerApi.Resolve;
import dev.storyline.console.scheduler.SchedulerApi.ResumeResult;
import dev.storyline.console.scheduler.SchedulerApi.Slot;
import dev.storyline.console.scheduler.SchedulerOps.AccountPlan;
import dev.storyline.console.scheduler.SchedulerOps.DeadLetter;
import dev.storyline.console.scheduler.SchedulerOps.MixChange;
import dev.storyline.console.scheduler.SchedulerOps.MixRatio;
import dev.storyline.console.scheduler.SchedulerOps.NewMix;
import dev.storyline.console.scheduler.SchedulerOps.Purged;
import dev.storyline.console.scheduler.SchedulerOps.QueueDepth;
import dev.storyline.console.scheduler.SchedulerOps.ReplayReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The console's only way to the system of record: the scheduler's admin API over HTTP, with
 * STORYLINE_ADMIN_TOKEN. Every call is bounded (connect and request timeouts) and ends in an answer,
 * a {@link SchedulerRefusedException} in plain words, or a {@link SchedulerUnreachableException}.
 */
@Component
public class SchedulerClient {

    private static final Logger log = LoggerFactory.getLogger(SchedulerClient.class);
    private static final int MAX_ERROR_BODY = 16 * 1024;

    private final RestClient http;
    private final SchedulerProblems problems;

    public SchedulerClient(SchedulerApiProperties properties, RestClient.Builder builder, ObjectMapper json) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.requestTimeout());
        this.problems = new SchedulerProblems(json);
        this.http = builder.clone()
                .baseUrl(properties.url().replaceAll("/+$", ""))
                .requestFactory(requests)
                .defaultHeader(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + properties.adminToken().strip())
                .defaultHeader(
                        HttpHeaders.ACCEPT,
                        MediaType.APPLICATION_JSON_VALUE + ", " + MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .defaultStatusHandler(status -> status.isError(), (request, response) -> {
                    int status = response.getStatusCode().value();
                    String body = read(response.getBody());
                    if (status == 401 || status == 403) {
                        log.warn("the scheduler refused the console's token ({}): check STORYLINE_ADMIN_TOKEN", status);
                        throw new SchedulerUnreachableException(
                                "The scheduler refused the console's credentials; an admin must check STORYLINE_ADMIN_TOKEN.");
                    }
                    if (status >= 500) {
                        log.warn(
                                "the scheduler answered {} to {} {}",
                                status,
                                request.getMethod(),
                                request.getURI().getPath());
                        throw new SchedulerUnreachableException(
                                "The scheduler had a problem answering. Try again in a moment.");
                    }
                    throw new SchedulerRefusedException(status, problems.sentence(status, body), problems.fields(body));
                })
                .build();
    }

    public List<Account> accounts() {
        return call(() ->
                http.get().uri("/api/accounts").retrieve().body(new ParameterizedTypeReference<List<Account>>() {}));
    }

    /** One account, or empty when the scheduler has none by this id. */
    public java.util.Optional<AccountLink> accountLink(String account) {
        try {
            return java.util.Optional.of(call(() ->
                    http.get().uri("/api/accounts/{a}", account).retrieve().body(AccountLink.class)));
        } catch (SchedulerRefusedException e) {
            if (e.status() == 404) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    public AccountLink addAccount(NewAccount account) {
        return call(() -> http.post()
                .uri("/api/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .body(account)
                .retrieve()
                .body(AccountLink.class));
    }

    /** Links an existing account to its Instagram user and turns its Graph API route on. */
    public AccountLink linkInstagram(String account, String instagramUserId) {
        return call(() -> http.patch()
                .uri("/api/accounts/{a}", account)
                .contentType(MediaType.APPLICATION_JSON)
                .body(java.util.Map.of("instagramUserId", instagramUserId, "apiEnabled", true))
                .retrieve()
                .body(AccountLink.class));
    }

    /** Every slot of the account between two of its local dates, both included. */
    public List<Slot> slots(String account, LocalDate from, LocalDate to) {
        return call(() -> http.get()
                .uri("/api/accounts/{a}/slots?from={f}&to={t}", account, from, to)
                .retrieve()
                .body(new ParameterizedTypeReference<List<Slot>>() {}));
    }

    /** One slot and its timeline; a slot the account does not have is refused with 404. */
    public SchedulerApi.SlotStory slot(String account, UUID slot) {
        return call(() -> http.get()
                .uri("/api/accounts/{a}/slots/{s}", account, slot)
                .retrieve()
                .body(SchedulerApi.SlotStory.class));
    }

    /** Posts waiting for a person in every account, oldest first, in one call (at most 500: the API's largest page). */
    public List<SchedulerApi.WaitingPost> waiting() {
        return call(() -> http.get()
                .uri("/api/waiting?limit=500")
                .retrieve()
                .body(new ParameterizedTypeReference<List<SchedulerApi.WaitingPost>>() {}));
    }

    /** Slot counts per local date of the accounts given (every account when empty), from and to included. */
    public List<SchedulerApi.DayCount> slotCounts(List<String> accounts, LocalDate from, LocalDate to) {
        return call(() -> http.get()
                .uri(
                        accounts.isEmpty()
                                ? "/api/slot-counts?from={f}&to={t}"
                                : "/api/slot-counts?from={f}&to={t}&account={a}",
                        from,
                        to,
                        String.join(",", accounts))
                .retrieve()
                .body(new ParameterizedTypeReference<List<SchedulerApi.DayCount>>() {}));
    }

    /**
     * One page of the account's posting history, newest first. The API pages by limit (1 to 500) and
     * offset (0 to 1,000,000) and filters by account only.
     */
    public List<HistoryEntry> history(String account, int limit, int offset) {
        return call(() -> http.get()
                .uri("/api/accounts/{a}/history?limit={l}&offset={o}", account, limit, offset)
                .retrieve()
                .body(new ParameterizedTypeReference<List<HistoryEntry>>() {}));
    }

    public Resolution resolve(String account, UUID post, String action, String by) {
        return call(() -> http.post()
                .uri("/api/accounts/{a}/posts/{p}/resolve", account, post)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new Resolve(action, by, "web-console"))
                .retrieve()
                .body(Resolution.class));
    }

    public void pause(String account) {
        call(() ->
                http.post().uri("/api/accounts/{a}/pause", account).retrieve().toBodilessEntity());
    }

    public ResumeResult resume(String account, String overdue) {
        return call(() -> http.post()
                .uri("/api/accounts/{a}/resume?overdue={o}", account, overdue)
                .retrieve()
                .body(ResumeResult.class));
    }

    public PostNext postNext(String account) {
        return call(() -> http.post()
                .uri("/api/accounts/{a}/post-next", account)
                .retrieve()
                .body(PostNext.class));
    }

    public AccountPlan account(String account) {
        return call(
                () -> http.get().uri("/api/accounts/{a}", account).retrieve().body(AccountPlan.class));
    }

    /** Changes only the fields given (the API's PATCH); the scheduler plans the days not yet dispatched again. */
    public AccountPlan changeAccount(String account, Map<String, Object> fields) {
        return call(() -> http.patch()
                .uri("/api/accounts/{a}", account)
                .contentType(MediaType.APPLICATION_JSON)
                .body(fields)
                .retrieve()
                .body(AccountPlan.class));
    }

    /** The categories of the account's library (active media), sorted. */
    public List<String> categories(String account) {
        return call(() -> http.get()
                .uri("/api/accounts/{a}/categories", account)
                .retrieve()
                .body(new ParameterizedTypeReference<List<String>>() {}));
    }

    public List<MixRatio> mix(String account) {
        return call(() -> http.get()
                .uri("/api/accounts/{a}/category-mix", account)
                .retrieve()
                .body(new ParameterizedTypeReference<List<MixRatio>>() {}));
    }

    public List<MixRatio> replaceMix(String account, NewMix mix) {
        return call(() -> http.put()
                .uri("/api/accounts/{a}/category-mix", account)
                .contentType(MediaType.APPLICATION_JSON)
                .body(mix)
                .retrieve()
                .body(new ParameterizedTypeReference<List<MixRatio>>() {}));
    }

    public List<MixChange> mixHistory(String account) {
        return call(() -> http.get()
                .uri("/api/accounts/{a}/category-mix/history", account)
                .retrieve()
                .body(new ParameterizedTypeReference<List<MixChange>>() {}));
    }

    public List<QueueDepth> deadLetterDepths() {
        return call(() -> http.get()
                .uri("/api/dlq/depths")
                .retrieve()
                .body(new ParameterizedTypeReference<List<QueueDepth>>() {}));
    }

    /** The dead letters of one queue (the API browses at most 500 and leaves them where they are). */
    public List<DeadLetter> deadLetters(String queue) {
        return call(() -> http.get()
                .uri("/api/dlq?queue={q}", queue)
                .retrieve()
                .body(new ParameterizedTypeReference<List<DeadLetter>>() {}));
    }

    public ReplayReport replay(String queue) {
        return call(
                () -> http.post().uri("/api/dlq/{q}/replay", queue).retrieve().body(ReplayReport.class));
    }

    public Purged purge(String queue) {
        return call(() ->
                http.delete().uri("/api/dlq/{q}?confirm=true", queue).retrieve().body(Purged.class));
    }

    /** A preview of the next {@code limit} picks (1 to 50): nothing changes in the scheduler. */
    public List<SchedulerApi.NextPick> nextPicks(String account, int limit) {
        return call(() -> http.get()
                .uri("/api/accounts/{a}/next-picks?limit={l}", account, limit)
                .retrieve()
                .body(new ParameterizedTypeReference<List<SchedulerApi.NextPick>>() {}));
    }

    private static <T> T call(Supplier<T> exchange) {
        try {
            T answer = exchange.get();
            if (answer == null) {
                throw new SchedulerUnreachableException("The scheduler sent an empty answer. Try again in a moment.");
            }
            return answer;
        } catch (SchedulerRefusedException | SchedulerUnreachableException e) {
            throw e;
        } catch (ResourceAccessException e) {
            log.warn("scheduler not reachable: {}", e.getMessage());
            throw new SchedulerUnreachableException("The scheduler is not reachable right now. Try again in a moment.");
        } catch (RestClientException e) {
            log.warn("unreadable answer from the scheduler: {}", e.getMessage());
            throw new SchedulerUnreachableException("The scheduler sent an answer the console cannot read.");
        }
    }

    private static String read(InputStream body) {
        try (body) {
            return new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
