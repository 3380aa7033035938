package dev.storyline.instagram;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The worker's settings, bound from the documented environment variables and checked at start-up
 * so a bad value stops the service with the variable's name instead of failing the first post.
 *
 * @param dryRun       DRY_RUN: everything but the Graph API calls (an event's own dryRun flag also forces it)
 * @param accessToken  INSTAGRAM_ACCESS_TOKEN; read only through {@code AccessTokens}, never logged. Not used when
 *                     {@code tokenWorker} is configured: token-worker's store then serves each account's current token
 * @param maxAttempts  transient failures are retried through the broker this many times per post, then the
 *                     post falls back to Telegram; keep it below storyline.consumer.max-attempts so the
 *                     fallback happens before the dead-letter queue
 * @param loginType    INSTAGRAM_LOGIN_TYPE: how the account's token was issued, which decides the Graph host
 *                     (see {@link LoginType})
 * @param graphBaseUrl INSTAGRAM_GRAPH_BASE_URL; unset means the host of {@code loginType}
 * @param quotaCacheTtl INSTAGRAM_QUOTA_CACHE_TTL: how long a content_publishing_limit answer stored in
 *                     {@code publishing_quota} is trusted by every worker before it is read again
 * @param rateLimit    INSTAGRAM_POSTS_PER_HOUR is enforced per account in each instance; a post that gets no
 *                     permission within {@code maxWait} is retried later through the broker
 * @param mediaCheckTimeout INSTAGRAM_MEDIA_CHECK_TIMEOUT: bound on the check of the hosted URL before Meta is asked
 *                     to fetch it
 * @param hostingRecoveryWait INSTAGRAM_HOSTING_RECOVERY_WAIT: when Meta could not fetch the hosted media, how long
 *                     one attempt waits for the hosting to answer again before the post's next attempt
 * @param concurrency  INSTAGRAM_CONCURRENCY: posts published at once by this instance. More than one, so a video
 *                     whose container Meta takes minutes to process, or an account waiting for its pacing,
 *                     does not hold every other account's post behind it
 * @param tokenWorker  TOKEN_WORKER_URL, STORYLINE_INTERNAL_TOKEN, TOKEN_CACHE_TTL: where the current tokens come from
 */
@Validated
@ConfigurationProperties("storyline.instagram")
public record InstagramProperties(
        boolean dryRun,

        @NotNull(message = "set INSTAGRAM_LOGIN_TYPE (instagram_login or facebook_login)")
        LoginType loginType,

        @NotBlank(message = "set INSTAGRAM_GRAPH_BASE_URL (https://graph.facebook.com or https://graph.instagram.com)")
        @Pattern(
                regexp = "https?://[^\\s/]+(:\\d+)?/?",
                message = "INSTAGRAM_GRAPH_BASE_URL must be a scheme and host such as https://graph.facebook.com")
        String graphBaseUrl,

        @NotBlank(message = "set INSTAGRAM_GRAPH_API_VERSION (e.g. v25.0)")
        @Pattern(regexp = "v\\d+\\.\\d+", message = "INSTAGRAM_GRAPH_API_VERSION must look like v25.0")
        String graphApiVersion,

        String accessToken,

        @Min(value = 1, message = "INSTAGRAM_POSTS_PER_HOUR must be 1..100")
        @Max(value = 100, message = "INSTAGRAM_POSTS_PER_HOUR must be 1..100")
        int postsPerHour,

        @Min(value = 1, message = "INSTAGRAM_MAX_ATTEMPTS must be 1..20")
        @Max(value = 20, message = "INSTAGRAM_MAX_ATTEMPTS must be 1..20")
        int maxAttempts,

        @Valid @NotNull(message = "container poll settings missing")
        ContainerPoll containerPoll,

        @Valid @NotNull(message = "HTTP timeout settings missing")
        Http http,

        @NotNull(message = "set INSTAGRAM_QUOTA_CACHE_TTL (e.g. 60s)")
        Duration quotaCacheTtl,

        @Valid @NotNull(message = "rate limit settings missing")
        RateLimit rateLimit,

        @NotNull(message = "set INSTAGRAM_MEDIA_CHECK_TIMEOUT (e.g. 10s)")
        Duration mediaCheckTimeout,

        @NotNull(message = "set INSTAGRAM_HOSTING_RECOVERY_WAIT (e.g. 2m)")
        Duration hostingRecoveryWait,

        @Valid @NotNull(message = "token-worker settings missing")
        TokenWorker tokenWorker,

        @DefaultValue("4")
        @Min(value = 1, message = "INSTAGRAM_CONCURRENCY must be 1..32")
        @Max(value = 32, message = "INSTAGRAM_CONCURRENCY must be 1..32")
        int concurrency) {

    /**
     * Which Meta login issued the account's token. The Graph host must match it (publishing
     * with an Instagram Login token against graph.facebook.com fails as an invalid token):
     * <ul>
     *   <li>{@code instagram_login} (Instagram API with Instagram Login, permissions
     *       {@code instagram_business_basic}, {@code instagram_business_content_publish}) → https://graph.instagram.com</li>
     *   <li>{@code facebook_login} (Instagram API with Facebook Login via a Facebook Page, permissions
     *       {@code instagram_basic}, {@code instagram_content_publish}; Stories only for business accounts)
     *       → https://graph.facebook.com</li>
     * </ul>
     * INSTAGRAM_GRAPH_BASE_URL overrides the host (tests point it at a fake), but never with the other
     * login's Meta host.
     */
    public enum LoginType {
        INSTAGRAM_LOGIN("https://graph.instagram.com"),
        FACEBOOK_LOGIN("https://graph.facebook.com");

        private final String graphHost;

        LoginType(String graphHost) {
            this.graphHost = graphHost;
        }

        public String graphHost() {
            return graphHost;
        }
    }

    public InstagramProperties {
        if (loginType == null) {
            loginType = LoginType.FACEBOOK_LOGIN;
        }
        if (graphBaseUrl == null || graphBaseUrl.isBlank()) {
            graphBaseUrl = loginType.graphHost();
        }
        for (LoginType other : LoginType.values()) {
            if (other != loginType && graphBaseUrl.replaceAll("/+$", "").equalsIgnoreCase(other.graphHost())) {
                throw new IllegalArgumentException("INSTAGRAM_GRAPH_BASE_URL=" + graphBaseUrl + " is the host for "
                        + other.name().toLowerCase() + " tokens but INSTAGRAM_LOGIN_TYPE="
                        + loginType.name().toLowerCase()
                        + "; use " + loginType.graphHost() + " or leave INSTAGRAM_GRAPH_BASE_URL unset");
            }
        }
        positive(quotaCacheTtl, "INSTAGRAM_QUOTA_CACHE_TTL");
        positive(mediaCheckTimeout, "INSTAGRAM_MEDIA_CHECK_TIMEOUT");
        positive(hostingRecoveryWait, "INSTAGRAM_HOSTING_RECOVERY_WAIT");
        if (containerPoll != null && http != null && rateLimit != null) {
            Duration longest = longestAttempt(containerPoll, http, rateLimit, mediaCheckTimeout, hostingRecoveryWait);
            if (longest.compareTo(LONGEST_DELIVERY) > 0) {
                throw new IllegalArgumentException(
                        "INSTAGRAM_VIDEO_CONTAINER_TIMEOUT + INSTAGRAM_PUBLISH_CONFIRM_TIMEOUT + "
                                + "INSTAGRAM_HOSTING_RECOVERY_WAIT + INSTAGRAM_RATE_LIMIT_WAIT + INSTAGRAM_MEDIA_CHECK_TIMEOUT + the "
                                + "Graph calls (INSTAGRAM_HTTP_*_TIMEOUT) add up to " + longest
                                + "; one delivery must end within "
                                + LONGEST_DELIVERY + ", below RabbitMQ's 30 min consumer_timeout");
            }
        }
        if (!dryRun
                && (accessToken == null || accessToken.isBlank())
                && (tokenWorker == null || !tokenWorker.configured())) {
            // a missing credential must stop the start, not look like an outage later.
            throw new IllegalArgumentException(
                    "DRY_RUN=false needs INSTAGRAM_ACCESS_TOKEN, or TOKEN_WORKER_URL "
                            + "(e.g. http://token-worker:8084) with STORYLINE_INTERNAL_TOKEN to publish with token-worker's current tokens");
        }
    }

    /**
     * Where the current tokens come from when token-worker keeps them (it refreshes them; a static
     * INSTAGRAM_ACCESS_TOKEN would go stale after the first refresh).
     *
     * @param url           TOKEN_WORKER_URL, e.g. http://token-worker:8084; unset: INSTAGRAM_ACCESS_TOKEN is used
     * @param internalToken STORYLINE_INTERNAL_TOKEN, the same value token-worker has; never logged
     * @param cacheTtl      TOKEN_CACHE_TTL: how long a served token is reused before token-worker is asked again
     *                      (a token Meta rejects is dropped at once)
     */
    public record TokenWorker(String url, String internalToken, Duration cacheTtl) {

        public TokenWorker {
            positive(cacheTtl, "TOKEN_CACHE_TTL");
            if (url != null && !url.isBlank()) {
                if (!url.strip().matches("https?://[^\\s/]+(:\\d+)?(/[^\\s]*)?")) {
                    throw new IllegalArgumentException(
                            "TOKEN_WORKER_URL must be an http(s) URL such as http://token-worker:8084");
                }
                if (internalToken == null || internalToken.isBlank()) {
                    throw new IllegalArgumentException("TOKEN_WORKER_URL is set but STORYLINE_INTERNAL_TOKEN is not: "
                            + "set the same STORYLINE_INTERNAL_TOKEN as token-worker's");
                }
            }
        }

        public boolean configured() {
            return url != null && !url.isBlank();
        }

        @Override
        public String toString() {
            return "TokenWorker[url=" + (configured() ? url : "<unset>") + ", internalToken="
                    + (internalToken == null || internalToken.isBlank() ? "<unset>" : "<redacted>") + ", cacheTtl="
                    + cacheTtl + "]";
        }
    }

    /**
     * How long to wait for Meta to fetch and process the media before publishing. Videos take much
     * longer than images, hence two bounds. {@code publishConfirmTimeout} (INSTAGRAM_PUBLISH_CONFIRM_TIMEOUT):
     * after a media_publish whose answer was lost, how long the container is watched for PUBLISHED (Meta
     * may apply it minutes later) before the post is handed to a person.
     */
    public record ContainerPoll(
            Duration interval,
            Duration maxInterval,
            Duration imageTimeout,
            Duration videoTimeout,
            Duration publishConfirmTimeout) {

        public ContainerPoll {
            positive(publishConfirmTimeout, "INSTAGRAM_PUBLISH_CONFIRM_TIMEOUT");
            positive(interval, "INSTAGRAM_CONTAINER_POLL_INTERVAL");
            positive(maxInterval, "INSTAGRAM_CONTAINER_POLL_MAX_INTERVAL");
            positive(imageTimeout, "INSTAGRAM_IMAGE_CONTAINER_TIMEOUT");
            positive(videoTimeout, "INSTAGRAM_VIDEO_CONTAINER_TIMEOUT");
            if (maxInterval.compareTo(interval) < 0) {
                throw new IllegalArgumentException(
                        "INSTAGRAM_CONTAINER_POLL_MAX_INTERVAL must not be shorter than INSTAGRAM_CONTAINER_POLL_INTERVAL");
            }
        }

        public Duration timeoutFor(boolean video) {
            return video ? videoTimeout : imageTimeout;
        }
    }

    /**
     * @param maxWait INSTAGRAM_RATE_LIMIT_WAIT: how long a post waits in-process for a permission before it is
     *               handed back to the broker for a later attempt
     * @param window the period INSTAGRAM_POSTS_PER_HOUR counts over; one hour except in tests
     */
    public record RateLimit(Duration maxWait, Duration window) {

        public RateLimit {
            if (maxWait == null || maxWait.isNegative()) {
                throw new IllegalArgumentException(
                        "INSTAGRAM_RATE_LIMIT_WAIT must be a duration such as 2s (0s: do not wait)");
            }
            positive(window, "storyline.instagram.rate-limit.window");
        }
    }

    /** Every Graph API call is bounded (a hung call once held a connection for 7+ minutes). */
    public record Http(Duration connectTimeout, Duration readTimeout) {

        public Http {
            positive(connectTimeout, "INSTAGRAM_HTTP_CONNECT_TIMEOUT");
            positive(readTimeout, "INSTAGRAM_HTTP_READ_TIMEOUT");
        }
    }

    /** What one delivery may take at most: RabbitMQ's consumer_timeout (30 min) with a margin. */
    static final Duration LONGEST_DELIVERY = Duration.ofMinutes(25);
    /** Graph and token calls one attempt makes at most, each bounded by connect + read timeout. */
    private static final int CALLS_PER_ATTEMPT = 8;

    /** The longest one attempt at a post can take with these settings (every wait at its bound). */
    public Duration longestAttempt() {
        return longestAttempt(containerPoll, http, rateLimit, mediaCheckTimeout, hostingRecoveryWait);
    }

    private static Duration longestAttempt(
            ContainerPoll poll, Http http, RateLimit rateLimit, Duration mediaCheck, Duration hostingRecovery) {
        Duration containerWait =
                poll.videoTimeout().compareTo(poll.imageTimeout()) > 0 ? poll.videoTimeout() : poll.imageTimeout();
        return containerWait
                .plus(poll.publishConfirmTimeout())
                .plus(hostingRecovery)
                .plus(rateLimit.maxWait())
                .plus(mediaCheck)
                .plus(http.connectTimeout().plus(http.readTimeout()).multipliedBy(CALLS_PER_ATTEMPT));
    }

    /**
     * How long a claim on a post lasts without renewal. The worker renews it before every Graph API
     * call, so it only has to outlast one call plus one poll pause; a crashed worker's claim lapses
     * quickly and a redelivery can resume the post.
     */
    public Duration claimLease() {
        return http.connectTimeout()
                .plus(http.readTimeout())
                .multipliedBy(2)
                .plus(containerPoll.maxInterval())
                .plusSeconds(30);
    }

    /** The token never appears in logs, start-up failure reports or actuator output. */
    @Override
    public String toString() {
        return "InstagramProperties[dryRun=" + dryRun + ", graphBaseUrl=" + graphBaseUrl + ", graphApiVersion="
                + graphApiVersion + ", accessToken="
                + (accessToken == null || accessToken.isBlank() ? "<unset>" : "<redacted>")
                + ", postsPerHour=" + postsPerHour + ", maxAttempts=" + maxAttempts + ", containerPoll=" + containerPoll
                + ", http=" + http + ", loginType=" + loginType + ", quotaCacheTtl=" + quotaCacheTtl + ", rateLimit="
                + rateLimit
                + ", mediaCheckTimeout=" + mediaCheckTimeout + ", hostingRecoveryWait=" + hostingRecoveryWait
                + ", tokenWorker=" + tokenWorker + "]";
    }

    private static void positive(Duration value, String env) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(env + " must be a positive duration such as 30s");
        }
    }
}
