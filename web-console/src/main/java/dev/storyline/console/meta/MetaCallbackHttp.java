package dev.storyline.console.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storyline.console.scheduler.SchedulerApiProperties;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The Meta callbacks' own HTTP calls: the scheduler's accounts (to find the person's) and its Graph API
 * switch, and token-worker's token deletion. Both admin APIs take STORYLINE_ADMIN_TOKEN. Kept apart from
 * the pages' SchedulerClient because these calls answer Meta, not a person, and need the Instagram user
 * id the pages never read. Every failure becomes an {@link Unavailable} without the answer's body.
 */
@Component
class MetaCallbackHttp {

    private static final Logger log = LoggerFactory.getLogger(MetaCallbackHttp.class);

    /** An account as far as the callbacks care. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MetaAccount(String id, String instagramUserId) {}

    /** A service did not answer, or answered with an error the callback cannot get past. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final RestClient scheduler;
    private final RestClient tokenWorker;

    MetaCallbackHttp(
            SchedulerApiProperties schedulerApi, MetaCallbackProperties properties, RestClient.Builder builder) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(schedulerApi.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(schedulerApi.requestTimeout());
        RestClient.Builder common = builder.clone()
                .requestFactory(requests)
                .defaultHeader(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + schedulerApi.adminToken().strip())
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
        this.scheduler =
                common.clone().baseUrl(schedulerApi.url().replaceAll("/+$", "")).build();
        this.tokenWorker = common.clone()
                .baseUrl(properties.tokenWorkerUrl().replaceAll("/+$", ""))
                .build();
    }

    List<MetaAccount> accounts() {
        try {
            List<MetaAccount> accounts = scheduler
                    .get()
                    .uri("/api/accounts")
                    .retrieve()
                    .onStatus(HttpStatusCode::isError, (request, response) -> {
                        throw refused("scheduler", "GET /api/accounts", response.getStatusCode());
                    })
                    .body(new ParameterizedTypeReference<List<MetaAccount>>() {});
            if (accounts == null) {
                throw new Unavailable("the scheduler sent no account list");
            }
            return accounts;
        } catch (RestClientException e) {
            throw unreachable("scheduler", e);
        }
    }

    /** Posts of the account go to Telegram from now on; switching off twice is harmless. */
    void switchApiOff(String account) {
        try {
            scheduler
                    .put()
                    .uri("/api/accounts/{a}/api", account)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("enabled", "off"))
                    .retrieve()
                    .onStatus(HttpStatusCode::isError, (request, response) -> {
                        throw refused("scheduler", "PUT /api/accounts/{a}/api", response.getStatusCode());
                    })
                    .toBodilessEntity();
        } catch (RestClientException e) {
            throw unreachable("scheduler", e);
        }
    }

    /**
     * Deletes (revokes) the account's token at token-worker, which then alerts the admins through its
     * event naming {@code by}. False when there was no active token (already deleted: nothing to do, no second
     * alert).
     */
    boolean deleteToken(String account, String by) {
        try {
            return tokenWorker
                    .delete()
                    .uri("/api/accounts/{a}/token?by={b}", account, by)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (status == 404) {
                            return false;
                        }
                        if (response.getStatusCode().is2xxSuccessful()) {
                            return true;
                        }
                        throw refused("token-worker", "DELETE /api/accounts/{a}/token", response.getStatusCode());
                    });
        } catch (RestClientException e) {
            throw unreachable("token-worker", e);
        }
    }

    private static Unavailable refused(String service, String call, HttpStatusCode status) {
        // the body is not logged: an upstream's error text is not ours to repeat to Meta or to the log
        log.warn("the {} answered {} to {} for a Meta callback", service, status.value(), call);
        return new Unavailable("the " + service + " refused a step (" + status.value() + ")");
    }

    private static Unavailable unreachable(String service, RestClientException e) {
        if (e.getCause() instanceof Unavailable unavailable) {
            return unavailable;
        }
        log.warn(
                "the {} is not reachable for a Meta callback: {}",
                service,
                e.getClass().getSimpleName());
        return new Unavailable("the " + service + " is not reachable");
    }
}
