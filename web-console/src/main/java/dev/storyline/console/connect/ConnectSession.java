package dev.storyline.console.connect;

import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The flow's state kept in the signed-in person's server-side session: the {@code state} sent to Meta (random,
 * single use, 10 minutes) and, after the callback, the grant waiting for the person to pick an account. Bound to
 * the session, a callback in another person's browser finds nothing to match.
 */
@Component
class ConnectSession {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final String ATTEMPT = ConnectSession.class.getName() + ".attempt";
    private static final String PENDING = ConnectSession.class.getName() + ".pending";

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    ConnectSession(Clock clock) {
        this.clock = clock;
    }

    /** A started sign-in: what Meta must send back, and for which Storyline account when reconnecting. */
    record Attempt(String state, LoginType loginType, String reconnect, Instant startedAt) {}

    /** A completed sign-in waiting for the person's choice. */
    record Pending(Grant grant, String reconnect, Instant completedAt) {}

    /** Starts a sign-in; a new one replaces any earlier one in this session. */
    Attempt start(HttpSession session, LoginType type, String reconnect) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        Attempt attempt = new Attempt(
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), type, reconnect, clock.instant());
        session.setAttribute(ATTEMPT, attempt);
        session.removeAttribute(PENDING);
        return attempt;
    }

    /** Whatever Meta sends back, the started sign-in is used up: a state works once. */
    Optional<Attempt> take(HttpSession session) {
        Object attempt = session.getAttribute(ATTEMPT);
        session.removeAttribute(ATTEMPT);
        return attempt instanceof Attempt a ? Optional.of(a) : Optional.empty();
    }

    static boolean sameState(Attempt attempt, String state) {
        return state != null
                && MessageDigest.isEqual(
                        attempt.state().getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8));
    }

    boolean expired(Instant at) {
        return at.plus(LIFETIME).isBefore(clock.instant());
    }

    void hold(HttpSession session, Grant grant, String reconnect) {
        session.setAttribute(PENDING, new Pending(grant, reconnect, clock.instant()));
    }

    /** The grant waiting for a choice; an old one is dropped (the person starts again). */
    Optional<Pending> pending(HttpSession session) {
        if (session.getAttribute(PENDING) instanceof Pending p) {
            if (!expired(p.completedAt())) {
                return Optional.of(p);
            }
            session.removeAttribute(PENDING);
        }
        return Optional.empty();
    }

    void done(HttpSession session) {
        session.removeAttribute(PENDING);
    }
}
